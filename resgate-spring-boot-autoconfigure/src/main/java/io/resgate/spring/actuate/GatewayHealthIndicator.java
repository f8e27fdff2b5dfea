package io.resgate.spring.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewayState;

/**
 * Health of the gateway: UP while it is started and its messaging connection is up, DOWN otherwise.
 * Details: {@code state}, the {@link GatewayState} ({@code RECONNECTING}: NATS lost, clients kept
 * for the outage grace period; {@code DOWN}: past it, clients closed), {@code connections}, the open
 * client connections, and {@code cachedResources}, the resources held in the cache.
 */
public class GatewayHealthIndicator extends AbstractHealthIndicator {

	private final GatewayService gateway;

	/**
	 * Creates the indicator.
	 * @param gateway the gateway core
	 */
	public GatewayHealthIndicator(GatewayService gateway) {
		super("Gateway health check failed");
		this.gateway = gateway;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (gateway.isAvailable()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("state", gateway.state().name())
			.withDetail("connections", gateway.connectionCount())
			.withDetail("cachedResources", gateway.cache().size());
	}
}
