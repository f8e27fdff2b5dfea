package io.resgate.spring.gateway.requests;

import java.time.Duration;

/**
 * The gateway's tuning, independent of Spring.
 *
 * @param requestTimeout timeout of service requests
 * @param unsubscribeDelay how long an unused resource stays cached
 * @param resetThrottle largest number of get requests in flight for one system reset, 0 for no limit
 * @param referenceThrottle largest number of reference get requests in flight per subscription, 0 for no limit
 * @param outboundQueueBytes backlog of one client, in bytes, past which its events are conflated
 * @param wsHeaderAuth resource method ({@code rid.method}) for an auth request on WebSocket connect, or {@code null}
 */
public record GatewaySettings(Duration requestTimeout, Duration unsubscribeDelay, int resetThrottle,
		int referenceThrottle, long outboundQueueBytes, String wsHeaderAuth) {

	/** @return settings with Resgate's defaults */
	public static GatewaySettings defaults() {
		return new GatewaySettings(Duration.ofMillis(3000), Duration.ofSeconds(5), 0, 0, 1024 * 1024, null);
	}
}
