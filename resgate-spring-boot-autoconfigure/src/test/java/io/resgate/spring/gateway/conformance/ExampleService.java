package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.resgate.spring.messaging.Message;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small RES service written by hand against the service protocol, answering on its own (unlike
 * {@link ScriptedService}), for the real ResClient to use:
 * <ul>
 * <li>{@code example.model}: a model with a {@code message}; {@code set} changes it.</li>
 * <li>{@code example.list}: a collection of strings and references to {@code example.item.<n>};
 * {@code push} adds an item, {@code pop} removes the last value, {@code create} answers with a
 * resource response for a new item.</li>
 * <li>{@code example.secret}: readable only with a token whose user is {@code admin};
 * {@code auth.example.auth.login} sets the token, {@code call.example.auth.revoke} takes the
 * right away again and sends a reaccess event.</li>
 * </ul>
 * All requests of one service run on the bus's delivery thread, so state needs no locks.
 */
final class ExampleService implements AutoCloseable {

	private static final JsonNodeFactory F = JsonNodeFactory.instance;

	private final ServiceBus bus;

	private final List<AutoCloseable> subscriptions = new ArrayList<>();

	private final ObjectNode model = F.objectNode().put("message", "hello");

	private final List<JsonNode> list = new ArrayList<>();

	private final Map<Integer, ObjectNode> items = new LinkedHashMap<>();

	private boolean adminRevoked;

	private int nextItem = 1;

	ExampleService(ServiceBus bus) {
		this.bus = bus;
		list.add(F.stringNode("first"));
		list.add(ref(newItem("item1")));
		for (String type : new String[] { "get", "access", "call", "auth" }) {
			subscriptions.add(bus.subscribe(type + ".example.>", this::handle));
		}
		bus.flush();
	}

	private int newItem(String name) {
		int id = nextItem++;
		items.put(id, F.objectNode().put("id", id).put("name", name));
		return id;
	}

	private static ObjectNode ref(int item) {
		return F.objectNode().put("rid", "example.item." + item);
	}

	private void handle(Message msg) {
		JsonNode payload = msg.data().length == 0 ? F.objectNode() : Json.received(msg.data());
		String subject = msg.subject();
		JsonNode reply;
		try {
			reply = dispatch(subject, payload);
		}
		catch (RuntimeException ex) {
			reply = error("system.internalError", "Internal error: " + ex.getMessage());
		}
		if (msg.replyTo() != null) {
			bus.publish(msg.replyTo(), null, Json.bytes(reply));
		}
	}

	private JsonNode dispatch(String subject, JsonNode payload) {
		if (subject.startsWith("access.")) {
			return access(subject.substring("access.".length()), payload.path("token"));
		}
		if (subject.startsWith("get.")) {
			return get(subject.substring("get.".length()));
		}
		if (subject.startsWith("call.")) {
			return call(subject.substring("call.".length()), payload.path("params"));
		}
		if (subject.equals("auth.example.auth.login")) {
			String cid = payload.path("cid").asString();
			ObjectNode token = F.objectNode().put("user", payload.path("params").path("user").asString(""));
			ObjectNode event = F.objectNode();
			event.set("token", token);
			bus.publish("conn." + cid + ".token", null, Json.bytes(event));
			adminRevoked = false;
			return result(F.objectNode().put("loggedIn", true));
		}
		return error("system.notFound", "Not found");
	}

	private JsonNode access(String rid, JsonNode token) {
		if (rid.equals("example.secret")) {
			boolean admin = !adminRevoked && "admin".equals(token.path("user").asString(""));
			return admin ? result(F.objectNode().put("get", true)) : error("system.accessDenied", "Access denied");
		}
		return result(F.objectNode().put("get", true).put("call", "*"));
	}

	private JsonNode get(String rid) {
		if (rid.equals("example.model")) {
			return result(F.objectNode().set("model", model.deepCopy()));
		}
		if (rid.equals("example.secret")) {
			return result(F.objectNode().set("model", F.objectNode().put("secret", 42)));
		}
		if (rid.equals("example.list")) {
			ArrayNode arr = F.arrayNode();
			list.forEach(arr::add);
			return result(F.objectNode().set("collection", arr));
		}
		if (rid.startsWith("example.item.")) {
			ObjectNode item = items.get(Integer.parseInt(rid.substring("example.item.".length())));
			if (item != null) {
				return result(F.objectNode().set("model", item.deepCopy()));
			}
		}
		return error("system.notFound", "Not found");
	}

	private JsonNode call(String target, JsonNode params) {
		switch (target) {
			case "example.model.set" -> {
				ObjectNode changed = F.objectNode();
				params.properties().forEach(e -> {
					if (!e.getValue().equals(model.get(e.getKey()))) {
						model.set(e.getKey(), e.getValue());
						changed.set(e.getKey(), e.getValue());
					}
				});
				if (!changed.isEmpty()) {
					event("example.model", "change", F.objectNode().set("values", changed));
				}
				return result(F.nullNode());
			}
			case "example.list.push" -> {
				int id = newItem(params.path("name").asString("unnamed"));
				int idx = list.size();
				list.add(ref(id));
				event("example.list", "add", F.objectNode().put("idx", idx).set("value", ref(id)));
				return result(F.objectNode().put("idx", idx));
			}
			case "example.list.pop" -> {
				int idx = list.size() - 1;
				list.remove(idx);
				event("example.list", "remove", F.objectNode().put("idx", idx));
				return result(F.nullNode());
			}
			case "example.list.create" -> {
				int id = newItem(params.path("name").asString("created"));
				return F.objectNode().set("resource", ref(id));
			}
			case "example.auth.revoke" -> {
				adminRevoked = true;
				event("example.secret", "reaccess", null);
				return result(F.nullNode());
			}
			default -> {
				return error("system.methodNotFound", "Method not found");
			}
		}
	}

	private void event(String rid, String name, JsonNode payload) {
		bus.publish("event." + rid + "." + name, null, payload == null ? new byte[0] : Json.bytes(payload));
	}

	private static JsonNode result(JsonNode value) {
		return F.objectNode().set("result", value);
	}

	private static JsonNode error(String code, String message) {
		return F.objectNode().set("error", F.objectNode().put("code", code).put("message", message));
	}

	@Override
	public void close() {
		for (AutoCloseable s : subscriptions) {
			try {
				s.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
	}
}
