package io.resgate.spring.service.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.observation.Observation;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.MessagingUnavailableException;
import io.resgate.spring.protocol.ResCodec;

/**
 * What the parts of a running service share: the messaging system, the codec, the workers, the
 * router and the event publisher.
 */
final class ServiceCore {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private final Messaging messaging;

	private final ResCodec codec;

	private final KeyedWorkers workers;

	private final Router router = new Router();

	private final ScheduledExecutorService timer;

	private final Duration queryEventDuration;

	private final JsonMapper valueMapper;

	private final JsonMapper bindMapper;

	private DefaultResEvents events;

	private final AtomicLong unsent = new AtomicLong();

	private final ServiceObservations observations;

	ServiceCore(Messaging messaging, ResCodec codec, KeyedWorkers workers, ScheduledExecutorService timer,
			Duration queryEventDuration, ServiceObservations observations) {
		this.messaging = messaging;
		this.observations = observations;
		this.codec = codec;
		this.workers = workers;
		this.timer = timer;
		this.queryEventDuration = queryEventDuration;
		this.valueMapper = codec.mapper().rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
		this.bindMapper = codec.mapper().rebuild()
			.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
	}

	/**
	 * The mapper that binds params and tokens: like Go's JSON decoding, absent members give default values
	 * and unknown members are ignored.
	 * @return the mapper
	 */
	JsonMapper bindMapper() {
		return bindMapper;
	}

	/**
	 * Converts a value to JSON as go-res does: maps with sorted keys, records and POJOs in declaration order.
	 * @param value the value
	 * @return the JSON tree
	 */
	JsonNode toTree(Object value) {
		return valueMapper.valueToTree(value);
	}

	void events(DefaultResEvents events) {
		this.events = events;
	}

	Messaging messaging() {
		return messaging;
	}

	ResCodec codec() {
		return codec;
	}

	KeyedWorkers workers() {
		return workers;
	}

	Router router() {
		return router;
	}

	ScheduledExecutorService timer() {
		return timer;
	}

	Duration queryEventDuration() {
		return queryEventDuration;
	}

	DefaultResEvents events() {
		return events;
	}

	ServiceObservations observations() {
		return observations;
	}

	/**
	 * The worker key of a resource: its endpoint's group, or the name itself if no endpoint matches.
	 * @param resourceName the resource name
	 * @return the key, or {@code null} if the resource is handled in parallel
	 */
	String groupKey(String resourceName) {
		Router.Match m = router.find(resourceName, null, null);
		return (m == null) ? resourceName : m.endpoint().groupKey(resourceName, m.params());
	}

	/**
	 * Counts the messages not sent since the last call because the connection was down.
	 * @return the count, now reset to 0
	 */
	long takeUnsentCount() {
		return unsent.getAndSet(0);
	}

	/**
	 * Publishes a message, logging failures (those while the connection is down only at debug level).
	 * @param subject the subject
	 * @param payload the payload
	 * @return whether it was sent
	 */
	boolean publish(String subject, byte[] payload) {
		return publish(subject, payload, Map.of());
	}

	/**
	 * Publishes an event in the trace of the observation it was published in: its trace context goes
	 * into the message headers.
	 * @param subject the subject
	 * @param payload the payload
	 * @param parent the observation current when the event was published, or {@code null} for none
	 * @return whether it was sent
	 */
	boolean publishEvent(String subject, byte[] payload, Observation parent) {
		if (parent == null) {
			return publish(subject, payload, Map.of());
		}
		Observation observation = observations.event(subject, parent);
		try {
			return publish(subject, payload, ServiceObservations.headers(observation));
		}
		finally {
			observation.stop();
		}
	}

	private boolean publish(String subject, byte[] payload, Map<String, String> headers) {
		if (logger.isTraceEnabled()) {
			logger.trace("<-- " + subject + ": " + new String(payload, java.nio.charset.StandardCharsets.UTF_8));
		}
		try {
			messaging.publish(subject, null, payload, headers);
			return true;
		}
		catch (MessagingUnavailableException ex) {
			// the loss was logged once; the system.reset sent after the reconnect covers lost events
			unsent.incrementAndGet();
			if (logger.isDebugEnabled()) {
				logger.debug("Not sent while disconnected: " + subject);
			}
			return false;
		}
		catch (RuntimeException ex) {
			logger.error("Failed to publish on " + subject + ": " + ex.getMessage());
			return false;
		}
	}
}
