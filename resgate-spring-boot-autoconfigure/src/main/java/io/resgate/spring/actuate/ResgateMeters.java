package io.resgate.spring.actuate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * The meters of the messaging connection, the gateway and the service. Gauges read the current state
 * only when a registry polls them, so the request and event paths pay nothing for them.
 */
public final class ResgateMeters {

	private ResgateMeters() {
	}

	/**
	 * Meters of the messaging connection: {@code resgate.messaging.connected} (1 while connected, else 0).
	 * @param messaging the messaging system
	 * @return the binder
	 */
	public static MeterBinder messaging(Messaging messaging) {
		return registry -> Gauge.builder("resgate.messaging.connected", messaging, m -> m.isConnected() ? 1 : 0)
			.description("Whether the messaging connection is up (1) or not (0)")
			.strongReference(true)
			.register(registry);
	}

	/**
	 * Meters of the gateway: {@code resgate.gateway.connections} (open client connections) and
	 * {@code resgate.gateway.cache.resources} (cached resources).
	 * @param gateway the gateway core
	 * @return the binder
	 */
	public static MeterBinder gateway(GatewayService gateway) {
		return registry -> {
			Gauge.builder("resgate.gateway.connections", gateway, GatewayService::connectionCount)
				.description("Open client connections, WebSocket and HTTP")
				.strongReference(true)
				.register(registry);
			Gauge.builder("resgate.gateway.cache.resources", gateway, g -> g.cache().size())
				.description("Resources held in the gateway cache")
				.strongReference(true)
				.register(registry);
		};
	}

	/**
	 * Meters of the service: {@code resgate.service.requests.pending} (requests received and not yet answered).
	 * @param registry the service
	 * @return the binder
	 */
	public static MeterBinder service(ResServiceRegistry registry) {
		return meters -> Gauge.builder("resgate.service.requests.pending", registry, ResServiceRegistry::pendingRequests)
			.description("RES requests received and not yet answered")
			.strongReference(true)
			.register(meters);
	}
}
