package io.resgate.spring.service.runtime;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.micrometer.observation.Observation;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.Subjects;
import io.resgate.spring.service.ResAction;
import io.resgate.spring.service.events.QueryRequest;
import io.resgate.spring.service.events.ResEvents;

/**
 * The event publisher: validates events, encodes them as go-res does, and keeps them in order with
 * the resource's requests.
 */
final class DefaultResEvents implements ResEvents {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private static final Set<String> RESERVED = Set.of("add", "change", "create", "delete", "patch", "reset",
			"reaccess", "remove", "unsubscribe", "query");

	private static final byte[] EMPTY = new byte[0];

	private final ServiceCore core;

	private final Supplier<List<String>> ownedResources;

	private final Supplier<List<String>> ownedAccess;

	DefaultResEvents(ServiceCore core, Supplier<List<String>> ownedResources, Supplier<List<String>> ownedAccess) {
		this.core = core;
		this.ownedResources = ownedResources;
		this.ownedAccess = ownedAccess;
	}

	@Override
	public CompletableFuture<Void> change(String resourceName, Map<String, ?> values) {
		checkName(resourceName);
		checkKind(resourceName, ResourceKind.COLLECTION, "change");
		if (values == null || values.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		ObjectNode v = JsonNodeFactory.instance.objectNode();
		values.forEach((k, val) -> v.set(k, core.toTree(val)));
		return sendChange(resourceName, v);
	}

	private CompletableFuture<Void> sendChange(String resourceName, ObjectNode values) {
		String problem = ValueChecker.objectProblem(values, true);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid change event for " + resourceName + ": " + problem);
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("values", values);
		return resourceEvent(resourceName, "change", core.codec().encode(payload));
	}

	@Override
	public boolean changeDiff(String resourceName, Object before, Object after) {
		checkName(resourceName);
		checkKind(resourceName, ResourceKind.COLLECTION, "change");
		JsonNode a = core.toTree(before);
		JsonNode b = core.toTree(after);
		if (!a.isObject() || !b.isObject()) {
			throw new IllegalArgumentException("changeDiff needs two models (objects) for " + resourceName);
		}
		ObjectNode changed = JsonNodeFactory.instance.objectNode();
		for (Map.Entry<String, JsonNode> e : b.properties()) {
			JsonNode old = a.get(e.getKey());
			if (old == null || !old.equals(e.getValue())) {
				changed.set(e.getKey(), e.getValue());
			}
		}
		for (String k : a.propertyNames()) {
			if (!b.has(k)) {
				changed.set(k, core.toTree(ResAction.DELETE));
			}
		}
		if (changed.isEmpty()) {
			return false;
		}
		sendChange(resourceName, changed);
		return true;
	}

	@Override
	public CompletableFuture<Void> add(String resourceName, Object value, int idx) {
		checkName(resourceName);
		checkKind(resourceName, ResourceKind.MODEL, "add");
		if (idx < 0) {
			throw new IllegalArgumentException("add event idx less than zero");
		}
		JsonNode v = core.toTree(value);
		String problem = ValueChecker.problem(v, false);
		if (problem != null) {
			throw new IllegalArgumentException("Invalid add event value for " + resourceName + ": it is " + problem);
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("value", v);
		payload.put("idx", idx);
		return resourceEvent(resourceName, "add", core.codec().encode(payload));
	}

	@Override
	public CompletableFuture<Void> remove(String resourceName, int idx) {
		checkName(resourceName);
		checkKind(resourceName, ResourceKind.MODEL, "remove");
		if (idx < 0) {
			throw new IllegalArgumentException("remove event idx less than zero");
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("idx", idx);
		return resourceEvent(resourceName, "remove", core.codec().encode(payload));
	}

	@Override
	public CompletableFuture<Void> create(String resourceName) {
		checkName(resourceName);
		return resourceEvent(resourceName, "create", EMPTY);
	}

	@Override
	public CompletableFuture<Void> delete(String resourceName) {
		checkName(resourceName);
		return resourceEvent(resourceName, "delete", EMPTY);
	}

	@Override
	public CompletableFuture<Void> reaccess(String resourceName) {
		checkName(resourceName);
		return resourceEvent(resourceName, "reaccess", EMPTY);
	}

	@Override
	public CompletableFuture<Void> custom(String resourceName, String event, Object payload) {
		checkName(resourceName);
		if (RESERVED.contains(event)) {
			throw new IllegalArgumentException("'" + event + "' is a reserved event name; use the dedicated method");
		}
		if (!Subjects.isValidMethod(event)) {
			throw new IllegalArgumentException("Invalid event name: " + event);
		}
		return resourceEvent(resourceName, event, (payload == null) ? EMPTY : core.codec().encode(payload));
	}

	@Override
	public CompletableFuture<Void> queryEvent(String resourceName, Consumer<QueryRequest> handler) {
		checkName(resourceName);
		Router.Match match = core.router().find(resourceName, null, null);
		ResourceKind kind = (match == null) ? ResourceKind.NONE : match.endpoint().kind();
		String inbox = core.messaging().newInbox();
		String key = core.groupKey(resourceName);
		MessageSubscription sub = core.messaging().subscribe(inbox, m -> {
			if (m.replyTo() == null) {
				return;
			}
			core.workers().execute(key, () -> {
				new QueryRequestImpl(core, resourceName, (match == null) ? Map.of() : match.params(), kind, m)
					.handle(handler);
				return CompletableFuture.completedFuture(null);
			});
		});
		core.timer().schedule(sub::unsubscribe, core.queryEventDuration().toMillis(), TimeUnit.MILLISECONDS);
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.put("subject", inbox);
		return resourceEvent(resourceName, "query", core.codec().encode(payload));
	}

	@Override
	public void token(String cid, Object token) {
		token(cid, token, null);
	}

	@Override
	public void token(String cid, Object token, String tid) {
		if (!Subjects.isValidMethod(cid)) {
			throw new IllegalArgumentException("Invalid connection ID: " + cid);
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		payload.set("token", (token == null) ? JsonNodeFactory.instance.nullNode() : core.toTree(token));
		if (tid != null && !tid.isEmpty()) {
			payload.put("tid", tid);
		}
		core.publish(Subjects.connToken(cid), core.codec().encode(payload));
	}

	@Override
	public void reset(Collection<String> resources, Collection<String> access) {
		boolean noResources = resources == null || resources.isEmpty();
		boolean noAccess = access == null || access.isEmpty();
		if (noResources && noAccess) {
			return;
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		if (!noResources) {
			ArrayNode a = payload.putArray("resources");
			resources.forEach(a::add);
		}
		if (!noAccess) {
			ArrayNode a = payload.putArray("access");
			access.forEach(a::add);
		}
		core.publish(Subjects.SYSTEM_RESET, core.codec().encode(payload));
	}

	@Override
	public void resetAll() {
		reset(ownedResources.get(), ownedAccess.get());
	}

	@Override
	public void tokenReset(String subject, Collection<String> tids) {
		if (subject == null || subject.isEmpty() || !Rid.isValidName(subject)) {
			throw new IllegalArgumentException("Invalid token reset subject: " + subject);
		}
		if (tids == null || tids.isEmpty()) {
			return;
		}
		ObjectNode payload = JsonNodeFactory.instance.objectNode();
		ArrayNode a = payload.putArray("tids");
		tids.forEach(a::add);
		payload.put("subject", subject);
		core.publish(Subjects.SYSTEM_TOKEN_RESET, core.codec().encode(payload));
	}

	@Override
	public CompletableFuture<Void> with(String resourceName, Runnable work) {
		checkName(resourceName);
		CompletableFuture<Void> done = new CompletableFuture<>();
		core.workers().execute(core.groupKey(resourceName), () -> {
			try {
				work.run();
				done.complete(null);
			}
			catch (RuntimeException | Error ex) {
				logger.error("Work for " + resourceName + " failed", ex);
				done.completeExceptionally(ex);
			}
			return CompletableFuture.completedFuture(null);
		});
		return done;
	}

	private CompletableFuture<Void> resourceEvent(String resourceName, String event, byte[] payload) {
		String subject = Subjects.event(resourceName, event);
		String key = core.groupKey(resourceName);
		Observation parent = core.observations().current();
		if (key == null || core.workers().isFree(key)) {
			core.publishEvent(subject, payload, parent);
			return CompletableFuture.completedFuture(null);
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		core.workers().execute(key, () -> {
			core.publishEvent(subject, payload, parent);
			done.complete(null);
			return done;
		});
		return done;
	}

	private static void checkName(String resourceName) {
		if (resourceName == null || resourceName.indexOf('?') >= 0 || !Rid.isValidName(resourceName)) {
			throw new IllegalArgumentException("Invalid resource name (no query allowed): " + resourceName);
		}
	}

	private void checkKind(String resourceName, ResourceKind forbidden, String event) {
		Router.Match m = core.router().find(resourceName, null, null);
		if (m != null && m.endpoint().kind() == forbidden) {
			throw new IllegalArgumentException(
					"'" + event + "' events are not allowed on the " + forbidden.label() + " " + resourceName);
		}
	}
}
