package io.resgate.spring.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.GatewayStats;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.runtime.ServiceStats;

/**
 * The meters of the messaging connection, the gateway and the service. Gauges read the current state and
 * counters read running totals ({@link GatewayStats}, {@link ServiceStats}) only when a registry polls
 * them, so the request and event paths pay one uncontended add at most.
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
	 * Meters of the gateway: {@code resgate.gateway.connections} (open client connections),
	 * {@code resgate.gateway.cache.resources} (cached resources), {@code resgate.gateway.requests} (client
	 * requests answered, tagged {@code type} and {@code outcome} {@code success} or {@code error}) and
	 * {@code resgate.gateway.events} (events sent to clients).
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
			GatewayStats stats = gateway.stats();
			for (String type : GatewayStats.REQUEST_TYPES) {
				for (boolean success : new boolean[] { true, false }) {
					FunctionCounter.builder("resgate.gateway.requests", stats, s -> s.requests(type, success))
						.description("Client requests answered")
						.tags("type", type, "outcome", success ? "success" : "error")
						.register(registry);
				}
			}
			FunctionCounter.builder("resgate.gateway.events", stats, GatewayStats::eventsSent)
				.description("Events sent to clients")
				.register(registry);
			FunctionCounter.builder("resgate.gateway.events.conflated", stats, GatewayStats::eventsConflated)
				.description("Events conflated for clients that fell behind, instead of sent as they are")
				.register(registry);
		};
	}

	/**
	 * Meters of the service: {@code resgate.service.requests.pending} (requests received and not yet
	 * answered) and {@code resgate.service.requests} (requests answered, tagged {@code type} and
	 * {@code outcome} {@code success} or {@code error}).
	 * @param registry the service
	 * @return the binder
	 */
	public static MeterBinder service(ResServiceRegistry registry) {
		return meters -> {
			Gauge.builder("resgate.service.requests.pending", registry, ResServiceRegistry::pendingRequests)
				.description("RES requests received and not yet answered")
				.strongReference(true)
				.register(meters);
			ServiceStats stats = registry.stats();
			for (String type : ServiceStats.REQUEST_TYPES) {
				for (boolean success : new boolean[] { true, false }) {
					FunctionCounter.builder("resgate.service.requests", stats, s -> s.requests(type, success))
						.description("RES requests answered")
						.tags("type", type, "outcome", success ? "success" : "error")
						.register(meters);
				}
			}
		};
	}
}
