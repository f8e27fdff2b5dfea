package io.resgate.spring.gateway.cache;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.micrometer.observation.Observation;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.MessagingException;
import io.resgate.spring.messaging.MessagingUnavailableException;
import io.resgate.spring.messaging.NoRespondersException;
import io.resgate.spring.messaging.RequestTimeoutException;
import io.resgate.spring.protocol.AccessResponse;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.ServiceRequest;
import io.resgate.spring.protocol.Subjects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.JsonNode;

/**
 * The service requests the cache sends (get, access, call, auth): sent over messaging with the
 * request timeout, counted in {@link CacheStats}, observed (with the trace context in the message
 * headers) when made for an observed client request, and answered with the payload or a RES error.
 */
final class ServiceRequests {

	private static final Log logger = LogFactory.getLog(ServiceRequests.class);

	private static final byte[] EMPTY_GET = "{}".getBytes();

	private final Messaging messaging;

	private final ResCodec codec;

	private final Duration requestTimeout;

	private final CacheStats stats;

	private final GatewayObservations observations;

	private final BooleanSupplier settling;

	/**
	 * @param messaging the messaging system
	 * @param codec the codec of the service protocol
	 * @param requestTimeout the timeout of service requests
	 * @param stats the totals to count requests in
	 * @param observations the gateway's observations
	 * @param settling whether the cache is in the settling time after a reconnect
	 */
	ServiceRequests(Messaging messaging, ResCodec codec, Duration requestTimeout, CacheStats stats,
			GatewayObservations observations, BooleanSupplier settling) {
		this.messaging = messaging;
		this.codec = codec;
		this.requestTimeout = requestTimeout;
		this.stats = stats;
		this.observations = observations;
		this.settling = settling;
	}

	/**
	 * @param query the query, {@code ""} if none
	 * @return the payload of a get request
	 */
	byte[] getPayload(String query) {
		if (query.isEmpty()) {
			return EMPTY_GET;
		}
		return codec.encodeRequest(ServiceRequest.get(query));
	}

	/**
	 * @param isHttp whether the request comes over HTTP (else the meta is left out)
	 * @param callback receives the access response
	 * @return the handler of the answer to an access request
	 */
	BiConsumer<byte[], ResError> accessAnswer(boolean isHttp, Consumer<AccessResponse> callback) {
		return (data, err) -> {
			if (err != null) {
				callback.accept(AccessResponse.failed(err));
				return;
			}
			AccessResponse a = codec.decodeAccessResponse(data);
			callback.accept(isHttp ? a : a.withoutMeta());
		};
	}

	/**
	 * @param method the method called ({@code new} also takes the legacy rid result)
	 * @param callback receives the call response
	 * @return the handler of the answer to a call request
	 */
	BiConsumer<byte[], ResError> callAnswer(String method, Consumer<CallResponse> callback) {
		return (data, err) -> {
			if (err != null) {
				callback.accept(CallResponse.failed(err));
				return;
			}
			CallResponse r = codec.decodeCallResponse(data);
			if (method.equals("new") && !r.isError() && r.rid() == null) {
				r = legacyNewResult(r);
			}
			callback.accept(r);
		};
	}

	/**
	 * @param callback receives the auth response
	 * @return the handler of the answer to an auth request
	 */
	BiConsumer<byte[], ResError> authAnswer(Consumer<CallResponse> callback) {
		return (data, err) -> callback.accept((err != null) ? CallResponse.failed(err) : codec.decodeCallResponse(data));
	}

	private CallResponse legacyNewResult(CallResponse r) {
		JsonNode res = (r.result() == null) ? null : codec.tree(r.result().bytes());
		if (res != null && res.isObject() && res.size() == 1 && res.get("rid") != null && res.get("rid").isString()) {
			String rid = res.get("rid").asString();
			if (!Rid.isValid(rid)) {
				return new CallResponse(null, null, ResError.internalError("invalid service response"), r.meta());
			}
			logger.warn("Deprecated: new call request answered with a rid result instead of a resource response");
			return new CallResponse(null, rid, null, r.meta());
		}
		return r;
	}

	/**
	 * Sends a request; the callback gets the payload or the RES error (timeout, no responders as
	 * {@code system.notFound} or while settling {@code system.serviceUnavailable}, subject too long,
	 * messaging connection down as {@code system.serviceUnavailable}).
	 * @param subject the subject
	 * @param payload the payload
	 * @param callback the callback, called on a messaging thread or the caller's
	 */
	void request(String subject, byte[] payload, BiConsumer<byte[], ResError> callback) {
		if (Subjects.isTooLong(subject)) {
			callback.accept(null, ResError.SUBJECT_TOO_LONG);
			return;
		}
		long start = System.nanoTime();
		Observation parent = observations.current();
		if (parent != null) {
			observedRequest(subject, payload, callback, start, parent);
			return;
		}
		CompletableFuture<byte[]> f;
		try {
			f = messaging.request(subject, payload, requestTimeout);
		}
		catch (RuntimeException ex) {
			stats.serviceRequest(subject, outcome(ex), start);
			callback.accept(null, toError(ex));
			return;
		}
		f.whenComplete((data, ex) -> {
			if (ex == null) {
				stats.serviceRequest(subject, CacheStats.isError(data) ? CacheStats.ERROR : CacheStats.SUCCESS, start);
				callback.accept(data, null);
			}
			else {
				stats.serviceRequest(subject, outcome(ex), start);
				callback.accept(null, toError(ex));
			}
		});
	}

	/**
	 * Sends a request made for the client request observed by {@code parent}: observed itself, its trace
	 * context in the message headers, and answered with the client request's observation current again.
	 */
	private void observedRequest(String subject, byte[] payload, BiConsumer<byte[], ResError> callback, long start,
			Observation parent) {
		int type = CacheStats.type(subject);
		Observation observation = observations.serviceRequest(subject,
				(type < 0) ? "unknown" : CacheStats.REQUEST_TYPES.get(type), parent);
		CompletableFuture<byte[]> f;
		try {
			f = messaging.request(subject, payload, requestTimeout, GatewayObservations.headers(observation));
		}
		catch (RuntimeException ex) {
			int outcome = outcome(ex);
			stats.serviceRequest(subject, outcome, start);
			GatewayObservations.stopServiceRequest(observation, CacheStats.OUTCOMES.get(outcome));
			callback.accept(null, toError(ex));
			return;
		}
		f.whenComplete((data, ex) -> {
			int outcome = (ex == null) ? (CacheStats.isError(data) ? CacheStats.ERROR : CacheStats.SUCCESS) : outcome(ex);
			stats.serviceRequest(subject, outcome, start);
			GatewayObservations.stopServiceRequest(observation, CacheStats.OUTCOMES.get(outcome));
			try (Observation.Scope scope = parent.openScope()) {
				if (ex == null) {
					callback.accept(data, null);
				}
				else {
					callback.accept(null, toError(ex));
				}
			}
		});
	}

	private static int outcome(Throwable ex) {
		Throwable t = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (t instanceof NoRespondersException) {
			return CacheStats.NO_RESPONDERS;
		}
		if (t instanceof MessagingUnavailableException) {
			return CacheStats.UNAVAILABLE;
		}
		if (t instanceof RequestTimeoutException) {
			return CacheStats.TIMEOUT;
		}
		return CacheStats.FAILED;
	}

	private ResError toError(Throwable ex) {
		Throwable t = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
		if (t instanceof NoRespondersException) {
			return settling.getAsBoolean() ? ResError.SERVICE_UNAVAILABLE : ResError.NOT_FOUND;
		}
		if (t instanceof MessagingUnavailableException) {
			return ResError.SERVICE_UNAVAILABLE;
		}
		if (t instanceof RequestTimeoutException) {
			return ResError.TIMEOUT;
		}
		if (t instanceof ResException re) {
			return re.getError();
		}
		if (t instanceof MessagingException) {
			return ResError.internalError(String.valueOf(t.getMessage()));
		}
		return ResError.internalError(String.valueOf(t));
	}
}
