package io.resgate.spring.actuate;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Health of the RES service: UP while it is serving and its messaging connection is up, OUT_OF_SERVICE
 * before it started or after it stopped, DOWN while the connection is lost. Details: {@code resources}
 * and {@code access}, the patterns it owns, and {@code pendingRequests}, the requests not yet answered.
 */
public class ServiceHealthIndicator extends AbstractHealthIndicator {

	private final ResServiceRegistry registry;

	private final Messaging messaging;

	/**
	 * Creates the indicator.
	 * @param registry the service
	 * @param messaging the messaging system it serves on
	 */
	public ServiceHealthIndicator(ResServiceRegistry registry, Messaging messaging) {
		super("Service health check failed");
		this.registry = registry;
		this.messaging = messaging;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (!registry.isRunning()) {
			builder.outOfService();
		}
		else if (messaging.isConnected()) {
			builder.up();
		}
		else {
			builder.down();
		}
		builder.withDetail("resources", registry.ownedResources())
			.withDetail("access", registry.ownedAccess())
			.withDetail("pendingRequests", registry.pendingRequests());
	}
}
