package io.resgate.spring.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.resgate.spring.gateway.requests.GatewayService;

/**
 * Health of the gateway: UP while it is started and its messaging connection is up, DOWN otherwise
 * (clients are disconnected then). Details: {@code connections}, the open client connections, and
 * {@code cachedResources}, the resources held in the cache.
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
		builder.withDetail("connections", gateway.connectionCount())
			.withDetail("cachedResources", gateway.cache().size());
	}
}
