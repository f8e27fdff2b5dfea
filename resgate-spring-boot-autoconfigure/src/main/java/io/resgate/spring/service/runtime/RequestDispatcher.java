package io.resgate.spring.service.runtime;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.observation.Observation;

import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessageHandler;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.PreResponse;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.ResResponse;

/**
 * Receives RES-Service requests on the delivery thread, routes them and queues them on the resource's
 * worker, where the handler is invoked and the response is published.
 */
final class RequestDispatcher implements MessageHandler {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

	private final ServiceCore core;

	private final ErrorMapper errors;

	private static final byte[] OVERLOADED = "{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error: service overloaded\"}}"
		.getBytes(StandardCharsets.UTF_8);

	private final int maxPending;

	private volatile boolean accepting = true;

	private final ReentrantReadWriteLock receiving = new ReentrantReadWriteLock();

	private long rejected;

	private final ServiceStats stats;

	RequestDispatcher(ServiceCore core, ErrorMapper errors, int maxPending, ServiceStats stats) {
		this.core = core;
		this.errors = errors;
		this.maxPending = maxPending;
		this.stats = stats;
	}

	/**
	 * Stops taking requests. Returns once no request is being received any more: every request taken before is
	 * queued on the workers, so waiting for them to be idle waits for all of them.
	 */
	void stopAccepting() {
		receiving.writeLock().lock();
		try {
			accepting = false;
		}
		finally {
			receiving.writeLock().unlock();
		}
	}

	void startAccepting() {
		accepting = true;
	}

	@Override
	public void onMessage(Message m) {
		// held while the request is routed and queued, so that stopAccepting() cannot slip in between
		receiving.readLock().lock();
		try {
			if (accepting) {
				receive(m);
			}
		}
		finally {
			receiving.readLock().unlock();
		}
	}

	private void receive(Message m) {
		String subject = m.subject();
		if (logger.isTraceEnabled()) {
			logger.trace("==> " + subject + ": " + new String(m.data(), StandardCharsets.UTF_8));
		}
		String replyTo = m.replyTo();
		if (replyTo == null || replyTo.isEmpty()) {
			logger.warn("Missing reply subject on request: " + subject);
			return;
		}
		int dot = subject.indexOf('.');
		RequestType type = (dot < 0) ? null : RequestType.fromWire(subject.substring(0, dot));
		if (type == null) {
			logger.warn("Invalid request subject: " + subject);
			return;
		}
		String name = subject.substring(dot + 1);
		String method = null;
		if (type == RequestType.CALL || type == RequestType.AUTH) {
			int last = name.lastIndexOf('.');
			if (last < 0) {
				logger.warn("Invalid request subject: " + subject);
				return;
			}
			method = name.substring(last + 1);
			name = name.substring(0, last);
		}
		if (maxPending > 0 && core.workers().pending() >= maxPending) {
			if (rejected++ % 1000 == 0) {
				logger.warn("More than " + maxPending + " requests pending; answering " + subject
						+ " with an error (" + rejected + " so far)");
			}
			stats.answered(type, false);
			core.publish(replyTo, OVERLOADED);
			return;
		}
		Router.Match match = core.router().find(name, type, method);
		if (match == null) {
			stats.answered(type, false);
			reply(name, replyTo, Responses.NOT_FOUND);
			return;
		}
		HandlerMethod handler = match.endpoint().handler(type, method);
		if (handler == null) {
			switch (type) {
				case ACCESS -> {
					// Access to this resource is owned by another service: no reply at all.
				}
				case GET -> {
					stats.answered(type, false);
					reply(match.endpoint().groupKey(name, match.params()), replyTo, Responses.NOT_FOUND);
				}
				default -> {
					stats.answered(type, false);
					reply(match.endpoint().groupKey(name, match.params()), replyTo, Responses.METHOD_NOT_FOUND);
				}
			}
			return;
		}
		if (handler.timeout() != null) {
			core.publish(replyTo, PreResponse.encode(handler.timeout()));
		}
		String key = handler.parallel() ? null : match.endpoint().groupKey(name, match.params());
		String rname = name;
		String meth = method;
		core.workers().execute(key, () -> process(m, type, rname, meth, match, handler));
	}

	private void reply(String key, String replyTo, byte[] payload) {
		core.workers().execute(key, () -> {
			core.publish(replyTo, payload);
			return DONE;
		});
	}

	private CompletionStage<?> process(Message m, RequestType type, String name, String method, Router.Match match,
			HandlerMethod handler) {
		Observation observation = core.observations().handle(m, type, name);
		if (observation.isNoop()) {
			return handle(m, type, name, method, match, handler, observation);
		}
		CompletionStage<?> done;
		try (Observation.Scope scope = observation.openScope()) {
			done = handle(m, type, name, method, match, handler, observation);
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		done.whenComplete((r, ex) -> observation.stop());
		return done;
	}

	private CompletionStage<?> handle(Message m, RequestType type, String name, String method, Router.Match match,
			HandlerMethod handler, Observation observation) {
		JsonNode payload;
		try {
			payload = core.codec().tree(m.data());
			if (payload.isMissingNode() || payload.isNull()) {
				payload = JsonNodeFactory.instance.objectNode();
			}
			else if (!payload.isObject()) {
				throw new ResException(ResError.internalError("invalid request payload"));
			}
		}
		catch (ResException ex) {
			logger.error("Error decoding request " + m.subject() + ": " + ex.getMessage());
			stats.answered(type, false);
			ServiceObservations.outcome(observation, false, ex.getError().code());
			core.publish(m.replyTo(), Responses.error(core.codec(), ex.getError(), null));
			return DONE;
		}
		RequestContext ctx = new RequestContext(core, type, name, match.params(), method, m.replyTo(), payload);
		ctx.observation(observation);
		Object ret;
		try {
			ret = handler.invoke(ctx);
		}
		catch (Throwable ex) {
			replyError(ctx, errors.map(ex, ctx, m.subject()), null);
			return DONE;
		}
		if (ret instanceof CompletionStage<?> stage) {
			return stage.handle((value, ex) -> {
				try (Observation.Scope scope = observation.openScope()) {
					if (ex != null) {
						replyError(ctx, errors.map(ex, ctx, m.subject()), null);
					}
					else {
						respond(ctx, match.endpoint(), handler, value);
					}
				}
				return null;
			});
		}
		respond(ctx, match.endpoint(), handler, ret);
		return DONE;
	}

	private void replyError(RequestContext ctx, ResError error, ResResponse<?> rr) {
		stats.answered(ctx.requestType(), false);
		ServiceObservations.outcome(ctx.observation(), false, error.code());
		core.publish(ctx.replyTo(), Responses.error(core.codec(), error, meta(ctx, rr)));
	}

	private Meta meta(RequestContext ctx, ResResponse<?> rr) {
		if (!ctx.isHttp() || ctx.requestType() == RequestType.GET) {
			return null;
		}
		Integer status = ctx.responseStatus();
		Map<String, List<String>> headers = new LinkedHashMap<>(ctx.responseHeaders());
		if (rr != null) {
			if (rr.status() != null) {
				status = rr.status();
			}
			headers.putAll(rr.headers());
		}
		return Responses.meta(status, headers);
	}

	private void respond(RequestContext ctx, ResourceEndpoint endpoint, HandlerMethod handler, Object value) {
		try {
			byte[] payload = encode(ctx, endpoint, handler, value);
			boolean success = !Responses.isError(payload);
			stats.answered(ctx.requestType(), success);
			ServiceObservations.outcome(ctx.observation(), success, null);
			core.publish(ctx.replyTo(), payload);
		}
		catch (InvalidValueException ex) {
			logger.error(ex.getMessage());
			stats.answered(ctx.requestType(), false);
			ServiceObservations.outcome(ctx.observation(), false, ResError.CODE_INTERNAL_ERROR);
			core.publish(ctx.replyTo(), Responses.INTERNAL_ERROR);
		}
		catch (RuntimeException ex) {
			replyError(ctx, errors.map(ex, ctx, ctx.type() + "." + ctx.resourceName()), null);
		}
	}

	private byte[] encode(RequestContext ctx, ResourceEndpoint endpoint, HandlerMethod handler, Object value) {
		ResResponse<?> rr = null;
		if (value instanceof ResResponse<?> r) {
			rr = r;
			if (r.error() != null) {
				return Responses.error(core.codec(), r.error(), meta(ctx, r));
			}
			if (r.resource() != null) {
				if (ctx.requestType() == RequestType.CALL || ctx.requestType() == RequestType.AUTH) {
					return Responses.resource(core.codec(), r.resource(), meta(ctx, r));
				}
				throw new InvalidValueException(handler + " returned a resource response to a "
						+ ctx.type() + " request; only call and auth handlers may");
			}
			value = r.result();
		}
		if (value instanceof Optional<?> o) {
			if (o.isEmpty()) {
				return Responses.error(core.codec(), ResError.NOT_FOUND, meta(ctx, rr));
			}
			value = o.get();
		}
		return switch (ctx.requestType()) {
			case GET -> encodeGet(ctx, endpoint, handler, value);
			case ACCESS -> encodeAccess(ctx, handler, value, rr);
			default -> {
				if (value instanceof ResRef ref) {
					yield Responses.resource(core.codec(), ref.rid(), meta(ctx, rr));
				}
				yield Responses.result(core.codec(), (value == null) ? null : core.toTree(value),
						meta(ctx, rr));
			}
		};
	}

	private byte[] encodeAccess(RequestContext ctx, HandlerMethod handler, Object value, ResResponse<?> rr) {
		Access access;
		if (value instanceof Access a) {
			access = a;
		}
		else if (value instanceof Boolean b) {
			access = b ? Access.granted() : Access.denied();
		}
		else if (value == null) {
			access = Access.denied();
		}
		else {
			throw new InvalidValueException(handler + " returned " + value.getClass().getName()
					+ " to an access request; return an Access or a boolean");
		}
		if (access.isDenied()) {
			return Responses.error(core.codec(), ResError.ACCESS_DENIED, meta(ctx, rr));
		}
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		if (access.get()) {
			n.put("get", true);
		}
		if (access.call() != null && !access.call().isEmpty()) {
			n.put("call", access.call());
		}
		return Responses.result(core.codec(), n, meta(ctx, rr));
	}

	private byte[] encodeGet(RequestContext ctx, ResourceEndpoint endpoint, HandlerMethod handler, Object value) {
		String query = null;
		if (value instanceof QueryResult<?> qr) {
			value = qr.value();
			query = qr.query();
			if (value instanceof Optional<?> o) {
				value = o.orElse(null);
			}
		}
		if (value == null) {
			return Responses.NOT_FOUND;
		}
		if (endpoint.query() && query == null) {
			query = ctx.query();
		}
		JsonNode json = core.toTree(value);
		String problem;
		String member;
		if (endpoint.kind() == ResourceKind.MODEL) {
			member = "model";
			problem = json.isObject() ? ValueChecker.objectProblem(json, false)
					: "the value is not an object but " + json.getNodeType();
		}
		else {
			member = "collection";
			problem = json.isArray() ? ValueChecker.arrayProblem(json)
					: "the value is not an array but " + json.getNodeType();
		}
		if (problem != null) {
			throw new InvalidValueException("Invalid " + member + " " + ctx.resourceName() + " from " + handler
					+ ": " + problem);
		}
		ObjectNode result = JsonNodeFactory.instance.objectNode();
		result.set(member, json);
		if (endpoint.query() && query != null && !query.isEmpty()) {
			result.put("query", query);
		}
		return Responses.result(core.codec(), result, null);
	}

	/**
	 * Runs the get handler of a resource on the calling thread, as a get request would, and returns its
	 * value as JSON: for values computed in-process, such as the store layer's before and after states.
	 * @param rid the resource ID, with the query of a query resource
	 * @return the model (an object) or collection (an array), or {@code null} if the resource is not found
	 * @throws IllegalArgumentException if no get handler serves the resource
	 * @throws ResException if the handler answers with another error
	 */
	JsonNode value(String rid) {
		Rid parsed = Rid.parse(rid);
		Router.Match match = core.router().find(parsed.name(), RequestType.GET, null);
		HandlerMethod handler = (match == null) ? null : match.endpoint().get();
		if (handler == null) {
			throw new IllegalArgumentException("No get handler serves " + rid);
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		if (parsed.query() != null) {
			payload.put("query", parsed.query());
		}
		RequestContext ctx = new RequestContext(core, RequestType.GET, parsed.name(), match.params(), null, null,
				payload);
		Object value;
		try {
			value = handler.invoke(ctx);
			if (value instanceof CompletionStage<?> stage) {
				value = stage.toCompletableFuture().join();
			}
		}
		catch (RuntimeException | Error ex) {
			Throwable cause = ErrorMapper.unwrap(ex);
			if (cause instanceof ResException re && ResError.CODE_NOT_FOUND.equals(re.getError().code())) {
				return null;
			}
			if (cause instanceof RuntimeException rt) {
				throw rt;
			}
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Get handler " + handler + " failed for " + rid, ex);
		}
		if (value instanceof ResResponse<?> r) {
			if (r.error() != null) {
				if (ResError.CODE_NOT_FOUND.equals(r.error().code())) {
					return null;
				}
				throw new ResException(r.error());
			}
			value = r.result();
		}
		if (value instanceof Optional<?> o) {
			value = o.orElse(null);
		}
		if (value instanceof QueryResult<?> qr) {
			value = qr.value();
			if (value instanceof Optional<?> o) {
				value = o.orElse(null);
			}
		}
		if (value == null) {
			return null;
		}
		JsonNode json = core.toTree(value);
		ResourceKind kind = match.endpoint().kind();
		String problem = (kind == ResourceKind.MODEL)
				? (json.isObject() ? ValueChecker.objectProblem(json, false) : "the value is not an object")
				: (json.isArray() ? ValueChecker.arrayProblem(json) : "the value is not an array");
		if (problem != null) {
			throw new InvalidValueException("Invalid " + kind.label() + " " + rid + " from " + handler + ": " + problem);
		}
		return json;
	}

	/** A handler returned something the protocol does not allow. */
	static final class InvalidValueException extends RuntimeException {

		InvalidValueException(String message) {
			super(message);
		}
	}
}
