package io.resgate.spring.gateway.cache;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.Propagator;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

/**
 * The Micrometer observations of the gateway:
 * <ul>
 * <li>{@value #CLIENT_REQUEST}: one per client request, WebSocket or HTTP API, from handling it to its
 * answer. A child of the observation current on the calling thread (such as Spring's
 * {@code http.server.requests}); without one, it continues the W3C trace context of the client's HTTP
 * request, which for a WebSocket is the upgrade request: every request of a connection opened with a
 * {@code traceparent} joins that trace.</li>
 * <li>{@value #SERVICE_REQUEST}: one per request to a service made for a client request, its trace context
 * sent in the request's message headers, so the service continues the trace.</li>
 * </ul>
 * The observation of a client request stays current while the gateway works for it, also across the serial
 * contexts of connections and resources ({@link SerialExecutor}) and the answers of services.
 *
 * <p>With no observation registry, or a no-op one, nothing is created and nothing is allocated: every
 * method returns {@link Observation#NOOP}, {@code null} or its argument.
 */
public final class GatewayObservations {

	/** The observation of a client request. */
	public static final String CLIENT_REQUEST = "resgate.client.request";

	/** The observation of a request to a service. */
	public static final String SERVICE_REQUEST = "resgate.service.request";

	/** Observes nothing. */
	public static final GatewayObservations NONE = new GatewayObservations(ObservationRegistry.NOOP);

	private static final Propagator.Getter<Map<String, List<String>>> HEADER_GETTER = (headers, key) -> {
		List<String> values = header(headers, key);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	};

	private final ObservationRegistry registry;

	private final boolean active;

	/**
	 * @param registry the registry to observe with
	 */
	public GatewayObservations(ObservationRegistry registry) {
		this.registry = registry;
		this.active = !registry.isNoop();
	}

	/** @return whether observations are made */
	public boolean isActive() {
		return active;
	}

	/**
	 * Starts the observation of a client request.
	 * @param method the request's method, such as {@code subscribe.example.model} or {@code version}; for an
	 * HTTP API request, the request type and the resource ID ({@code get example.model})
	 * @param transport {@code websocket} or {@code http}
	 * @param headers the headers of the client's HTTP request (the WebSocket upgrade, or the HTTP API
	 * request), whose trace context is continued when no observation is current; may be {@code null}
	 * @return the started observation, or {@link Observation#NOOP}
	 */
	public Observation clientRequest(String method, String transport, Map<String, List<String>> headers) {
		return clientRequest(method, transport, headers, HEADER_GETTER);
	}

	/**
	 * Starts the observation of a client request whose trace context is read from a carrier.
	 * @param <C> the carrier type
	 * @param method the request's method (see {@link #clientRequest(String, String, Map)})
	 * @param transport {@code websocket} or {@code http}
	 * @param carrier the client's HTTP request; may be {@code null}
	 * @param getter reads a header of the carrier
	 * @return the started observation, or {@link Observation#NOOP}
	 */
	public <C> Observation clientRequest(String method, String transport, C carrier, Propagator.Getter<C> getter) {
		if (!active) {
			return Observation.NOOP;
		}
		int sep = firstSeparator(method);
		String type = (sep < 0) ? method : method.substring(0, sep);
		Observation parent = registry.getCurrentObservation();
		Observation.Context context;
		if (parent == null && carrier != null && getter.get(carrier, "traceparent") != null) {
			ReceiverContext<C> receiver = new ReceiverContext<>(getter, Kind.SERVER);
			receiver.setCarrier(carrier);
			context = receiver;
		}
		else {
			context = new Observation.Context();
		}
		Observation observation = Observation.createNotStarted(CLIENT_REQUEST, () -> context, registry)
			.contextualName(type)
			.lowCardinalityKeyValue("resgate.request.type", type)
			.lowCardinalityKeyValue("resgate.transport", transport);
		if (sep >= 0) {
			observation.highCardinalityKeyValue("resgate.resource", method.substring(sep + 1));
		}
		if (parent != null) {
			observation.parentObservation(parent);
		}
		return observation.start();
	}

	/**
	 * Ends the observation of a client request.
	 * @param observation the observation from {@link #clientRequest}
	 * @param errorCode the RES error code answered, or {@code null} for a result
	 */
	public static void stop(Observation observation, String errorCode) {
		if (observation.isNoop()) {
			return;
		}
		observation.lowCardinalityKeyValue("resgate.outcome", (errorCode == null) ? "success" : "error");
		if (errorCode != null) {
			observation.highCardinalityKeyValue("resgate.error.code", errorCode);
		}
		observation.stop();
	}

	/**
	 * Ends the observation of an HTTP API request.
	 * @param observation the observation from {@link #clientRequest}
	 * @param status the HTTP status answered
	 */
	public static void stopHttp(Observation observation, int status) {
		if (observation.isNoop()) {
			return;
		}
		observation.lowCardinalityKeyValue("http.response.status_code", Integer.toString(status));
		stop(observation, (status < 400) ? null : "HTTP " + status);
	}

	/** @return the current observation; {@code null} if none, or if observations are not made */
	public Observation current() {
		return active ? registry.getCurrentObservation() : null;
	}

	/**
	 * Makes a task run with the current observation current, as when it was handed over.
	 * @param task the task
	 * @return the task, itself when there is no current observation
	 */
	public Runnable wrap(Runnable task) {
		Observation current = current();
		if (current == null) {
			return task;
		}
		return () -> {
			try (Observation.Scope scope = current.openScope()) {
				task.run();
			}
		};
	}

	/**
	 * Starts the observation of a request to a service, a child of the client request it is made for.
	 * @param subject the request subject
	 * @param type the request type, one of {@link CacheStats#REQUEST_TYPES}
	 * @param parent the current observation
	 * @return the started observation, the headers to send in its carrier ({@link #headers})
	 */
	Observation serviceRequest(String subject, String type, Observation parent) {
		SenderContext<Map<String, String>> context = new SenderContext<>((carrier, key, value) -> carrier.put(key, value),
				Kind.CLIENT);
		context.setCarrier(new HashMap<>(4));
		return Observation.createNotStarted(SERVICE_REQUEST, () -> context, registry)
			.parentObservation(parent)
			.contextualName("service " + type)
			.lowCardinalityKeyValue("resgate.request.type", type)
			.highCardinalityKeyValue("messaging.destination.name", subject)
			.start();
	}

	/**
	 * The headers a service request's observation put into its carrier.
	 * @param observation the observation from {@link #serviceRequest}
	 * @return the headers
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> headers(Observation observation) {
		return ((SenderContext<Map<String, String>>) observation.getContext()).getCarrier();
	}

	/**
	 * Ends the observation of a service request.
	 * @param observation the observation from {@link #serviceRequest}
	 * @param outcome one of {@link CacheStats#OUTCOMES}
	 */
	static void stopServiceRequest(Observation observation, String outcome) {
		observation.lowCardinalityKeyValue("resgate.outcome", outcome);
		observation.stop();
	}

	private static int firstSeparator(String method) {
		for (int i = 0; i < method.length(); i++) {
			char c = method.charAt(i);
			if (c == '.' || c == ' ') {
				return i;
			}
		}
		return -1;
	}

	private static List<String> header(Map<String, List<String>> headers, String name) {
		List<String> values = headers.get(name);
		if (values == null && !name.isEmpty()) {
			// the gateway keeps header names canonical, as Go does: Traceparent
			values = headers.get(Character.toUpperCase(name.charAt(0)) + name.substring(1));
		}
		if (values != null) {
			return values;
		}
		for (Map.Entry<String, List<String>> e : headers.entrySet()) {
			if (e.getKey().equalsIgnoreCase(name)) {
				return e.getValue();
			}
		}
		return null;
	}
}
