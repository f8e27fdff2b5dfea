package io.resgate.spring.actuate;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import io.resgate.spring.gateway.cache.CacheStats;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.GatewayStats;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.runtime.ServiceStats;

/**
 * The meters of the messaging connection, the gateway and the service. Gauges read the current state and
 * counters read running totals ({@link GatewayStats}, {@link CacheStats}, {@link ServiceStats}) only when a
 * registry polls them, so the request and event paths pay one uncontended add for them; timers are
 * pre-registered per tag combination, so timing a request costs one {@link Timer#record(long, TimeUnit)}.
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
	 * {@code resgate.gateway.cache.resources} (cached resources), the timers {@code resgate.gateway.requests}
	 * (client requests answered, tagged {@code type}, {@code outcome} and {@code transport}) and
	 * {@code resgate.gateway.service.requests} (requests to services, tagged {@code type} and {@code outcome}),
	 * {@code resgate.gateway.cache.lookups} (tagged {@code result}), {@code resgate.gateway.events} (events
	 * sent to clients), {@code resgate.gateway.events.conflated}, {@code resgate.gateway.events.resyncs},
	 * {@code resgate.gateway.outbound.backlog} and {@code resgate.gateway.outbound.backlog.max} (bytes),
	 * and {@code resgate.gateway.connections.stalled} (clients closed for not reading).
	 *
	 * <p>The timers are registered once for every tag combination, and requests pick theirs from an array:
	 * recording a request costs what {@link Timer#record(long, TimeUnit)} costs, nothing more. Their
	 * percentiles, histograms and SLO buckets are configured the Micrometer way, such as
	 * {@code management.metrics.distribution.percentiles-histogram.resgate.gateway.requests=true}.
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
			stats.addRecorder(new ClientRequestTimers(registry));
			CacheStats cacheStats = gateway.cache().stats();
			cacheStats.addRecorder(new ServiceRequestTimers(registry));
			for (String result : CacheStats.LOOKUP_RESULTS) {
				FunctionCounter.builder("resgate.gateway.cache.lookups", cacheStats, s -> s.lookups(result))
					.description("Resource lookups of client requests: served from the cache (hit), joining a get "
							+ "request in flight (pending), or sending a get request to a service (miss)")
					.tags("result", result)
					.register(registry);
			}
			FunctionCounter.builder("resgate.gateway.events", stats, GatewayStats::eventsSent)
				.description("Events sent to clients")
				.register(registry);
			FunctionCounter.builder("resgate.gateway.events.conflated", stats, GatewayStats::eventsConflated)
				.description("Events conflated for clients that fell behind, instead of sent as they are")
				.register(registry);
			FunctionCounter.builder("resgate.gateway.events.resyncs", stats, GatewayStats::resyncs)
				.description("Resynchronisations of a resource for a client that fell behind: the events it "
						+ "missed replaced by the difference to the cache's state")
				.register(registry);
			FunctionCounter.builder("resgate.gateway.connections.stalled", stats, GatewayStats::stalledReadersClosed)
				.description("Client connections closed because they stopped reading (write deadline passed)")
				.register(registry);
			Gauge.builder("resgate.gateway.outbound.backlog", gateway, g -> g.outboundBacklog().totalBytes())
				.description("Bytes queued for clients and being written to them, all connections together")
				.baseUnit(BaseUnits.BYTES)
				.strongReference(true)
				.register(registry);
			Gauge.builder("resgate.gateway.outbound.backlog.max", gateway, g -> g.outboundBacklog().maxBytes())
				.description("The largest outbound backlog of one client connection")
				.baseUnit(BaseUnits.BYTES)
				.strongReference(true)
				.register(registry);
		};
	}

	/** The client request timers, one per tag combination, picked by index. */
	static final class ClientRequestTimers implements GatewayStats.Recorder {

		private static final int TYPES = GatewayStats.REQUEST_TYPES.size();

		/** The request types an HTTP API request can be. */
		private static final List<String> HTTP_TYPES = List.of("get", "call", "invalid");

		private final Timer[] timers = new Timer[GatewayStats.TRANSPORTS.size() * TYPES * 2];

		ClientRequestTimers(MeterRegistry registry) {
			for (int transport = 0; transport < GatewayStats.TRANSPORTS.size(); transport++) {
				String transportName = GatewayStats.TRANSPORTS.get(transport);
				for (int type = 0; type < TYPES; type++) {
					String typeName = GatewayStats.REQUEST_TYPES.get(type);
					if (transportName.equals("http") && !HTTP_TYPES.contains(typeName)) {
						continue;
					}
					for (int success = 0; success < 2; success++) {
						timers[index(type, success == 0, transport)] = Timer.builder("resgate.gateway.requests")
							.description("Client requests, from handling to answering them")
							.tags("type", typeName, "outcome", (success == 0) ? "success" : "error", "transport",
									transportName)
							.register(registry);
					}
				}
			}
		}

		private static int index(int type, boolean success, int transport) {
			return ((transport * TYPES) + type) * 2 + (success ? 0 : 1);
		}

		@Override
		public void clientRequest(int type, boolean success, int transport, long nanos) {
			Timer t = timers[index(type, success, transport)];
			if (t != null) {
				t.record(nanos, TimeUnit.NANOSECONDS);
			}
		}
	}

	/** The service request timers, one per tag combination, picked by index. */
	static final class ServiceRequestTimers implements CacheStats.Recorder {

		private static final int OUTCOMES = CacheStats.OUTCOMES.size();

		private final Timer[] timers = new Timer[CacheStats.REQUEST_TYPES.size() * OUTCOMES];

		ServiceRequestTimers(MeterRegistry registry) {
			for (int type = 0; type < CacheStats.REQUEST_TYPES.size(); type++) {
				for (int outcome = 0; outcome < OUTCOMES; outcome++) {
					timers[type * OUTCOMES + outcome] = Timer.builder("resgate.gateway.service.requests")
						.description("Requests the gateway sent to services, from sending to the response")
						.tags("type", CacheStats.REQUEST_TYPES.get(type), "outcome", CacheStats.OUTCOMES.get(outcome))
						.register(registry);
				}
			}
		}

		@Override
		public void serviceRequest(int type, int outcome, long nanos) {
			timers[type * OUTCOMES + outcome].record(nanos, TimeUnit.NANOSECONDS);
		}
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
