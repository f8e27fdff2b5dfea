package io.resgate.spring.service.runtime;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

import io.resgate.spring.messaging.Message;

/**
 * The Micrometer observations of a service: {@value #HANDLE} around every request it handles, continuing the
 * trace context of the request's message headers (W3C {@code traceparent}, as the gateway sends it), and
 * {@value #EVENT} for every event published while an observation is current (in a handler, or in code the
 * application observes), whose trace context goes into the event's headers. With no observation registry,
 * or a no-op one, nothing is created.
 */
final class ServiceObservations {

	/** The observation of one request handled. */
	static final String HANDLE = "resgate.service.handle";

	/** The observation of one event published. */
	static final String EVENT = "resgate.service.event";

	static final ServiceObservations NONE = new ServiceObservations(ObservationRegistry.NOOP);

	private final ObservationRegistry registry;

	private final boolean active;

	ServiceObservations(ObservationRegistry registry) {
		this.registry = registry;
		this.active = !registry.isNoop();
	}

	/**
	 * Starts the observation of a request.
	 * @param m the request message
	 * @param type the request type
	 * @param resourceName the resource name
	 * @return the started observation, or {@link Observation#NOOP}
	 */
	Observation handle(Message m, RequestType type, String resourceName) {
		if (!active) {
			return Observation.NOOP;
		}
		ReceiverContext<Message> context = new ReceiverContext<>(Message::header, Kind.SERVER);
		context.setCarrier(m);
		context.setRemoteServiceName("resgate");
		return Observation.createNotStarted(HANDLE, () -> context, registry)
			.contextualName("handle " + type.wireName())
			.lowCardinalityKeyValue("resgate.request.type", type.wireName())
			.highCardinalityKeyValue("resgate.resource", resourceName)
			.highCardinalityKeyValue("messaging.destination.name", m.subject())
			.start();
	}

	/**
	 * Records the outcome of a request.
	 * @param observation the request's observation
	 * @param success whether it was answered with a result rather than an error
	 * @param errorCode the RES error code answered, or {@code null} if not known
	 */
	static void outcome(Observation observation, boolean success, String errorCode) {
		if (observation.isNoop()) {
			return;
		}
		observation.lowCardinalityKeyValue("resgate.outcome", success ? "success" : "error");
		if (errorCode != null) {
			observation.highCardinalityKeyValue("resgate.error.code", errorCode);
		}
	}

	/** @return the current observation, to continue later; {@code null} if none or inactive */
	Observation current() {
		return active ? registry.getCurrentObservation() : null;
	}

	/**
	 * Starts the observation of an event being published, a child of the observation it was published in.
	 * @param subject the event subject
	 * @param parent the observation current when the event was published
	 * @return the started observation, with the headers to send in its carrier
	 */
	Observation event(String subject, Observation parent) {
		SenderContext<Map<String, String>> context = new SenderContext<>((carrier, key, value) -> carrier.put(key, value),
				Kind.PRODUCER);
		context.setCarrier(new HashMap<>(4));
		int last = subject.lastIndexOf('.');
		return Observation.createNotStarted(EVENT, () -> context, registry)
			.parentObservation(parent)
			.contextualName("event " + subject.substring(last + 1))
			.highCardinalityKeyValue("messaging.destination.name", subject)
			.start();
	}

	/**
	 * The headers an event's observation put into its carrier.
	 * @param observation the observation from {@link #event}
	 * @return the headers
	 */
	@SuppressWarnings("unchecked")
	static Map<String, String> headers(Observation observation) {
		return ((SenderContext<Map<String, String>>) observation.getContext()).getCarrier();
	}
}
