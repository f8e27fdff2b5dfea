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
 * @param outageGracePeriod how long clients are kept while the messaging connection is lost, before
 * they are closed and the gateway reports itself not ready; also how long after a reconnect a request
 * nobody answers counts as {@code system.serviceUnavailable}
 * @param writeTimeout the write deadline: how long a write to a client may take before the client
 * counts as stalled and is closed
 */
public record GatewaySettings(Duration requestTimeout, Duration unsubscribeDelay, int resetThrottle,
		int referenceThrottle, long outboundQueueBytes, String wsHeaderAuth, Duration outageGracePeriod,
		Duration writeTimeout) {

	/** The default outage grace period: 10 seconds. */
	public static final Duration DEFAULT_OUTAGE_GRACE_PERIOD = Duration.ofSeconds(10);

	/** The default write deadline: 10 seconds. */
	public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Settings with the default outage grace period and write deadline.
	 * @param requestTimeout timeout of service requests
	 * @param unsubscribeDelay how long an unused resource stays cached
	 * @param resetThrottle largest number of get requests in flight for one system reset, 0 for no limit
	 * @param referenceThrottle largest number of reference get requests in flight per subscription, 0 for no limit
	 * @param outboundQueueBytes backlog of one client, in bytes, past which its events are conflated
	 * @param wsHeaderAuth resource method for an auth request on WebSocket connect, or {@code null}
	 */
	public GatewaySettings(Duration requestTimeout, Duration unsubscribeDelay, int resetThrottle,
			int referenceThrottle, long outboundQueueBytes, String wsHeaderAuth) {
		this(requestTimeout, unsubscribeDelay, resetThrottle, referenceThrottle, outboundQueueBytes, wsHeaderAuth,
				DEFAULT_OUTAGE_GRACE_PERIOD, DEFAULT_WRITE_TIMEOUT);
	}

	/** @return settings with Resgate's defaults */
	public static GatewaySettings defaults() {
		return new GatewaySettings(Duration.ofMillis(3000), Duration.ofSeconds(5), 0, 0, 1024 * 1024, null);
	}

	/**
	 * @param period the outage grace period
	 * @return these settings with another outage grace period
	 */
	public GatewaySettings withOutageGracePeriod(Duration period) {
		return new GatewaySettings(requestTimeout, unsubscribeDelay, resetThrottle, referenceThrottle,
				outboundQueueBytes, wsHeaderAuth, period, writeTimeout);
	}

	/**
	 * @param timeout the write deadline
	 * @return these settings with another write deadline
	 */
	public GatewaySettings withWriteTimeout(Duration timeout) {
		return new GatewaySettings(requestTimeout, unsubscribeDelay, resetThrottle, referenceThrottle,
				outboundQueueBytes, wsHeaderAuth, outageGracePeriod, timeout);
	}
}
