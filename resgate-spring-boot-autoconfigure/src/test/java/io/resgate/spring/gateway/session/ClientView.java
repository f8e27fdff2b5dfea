package io.resgate.spring.gateway.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import io.resgate.spring.protocol.ResCodec;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's copy of one resource, kept as a client library does: change, add and remove events
 * applied in the order they arrive. For tests of what a client ends with.
 */
final class ClientView {

	static final ResCodec CODEC = new ResCodec();

	static final ClientMessages MESSAGES = new ClientMessages(CODEC);

	private final String rid;

	private final TreeMap<String, ResValue> model;

	private final List<ResValue> collection;

	int events;

	ClientView(String rid, ResourceState initial) {
		this.rid = rid;
		this.model = (initial.type() == ResourceType.MODEL) ? new TreeMap<>(initial.model()) : null;
		this.collection = (initial.type() == ResourceType.COLLECTION) ? new ArrayList<>(initial.collection()) : null;
	}

	/** Applies a frame if it is an event of this resource. */
	void apply(byte[] frame) {
		JsonNode f = CODEC.tree(frame);
		if (!f.has("event") || !f.get("event").asString().startsWith(rid + ".")) {
			return;
		}
		events++;
		String name = f.get("event").asString().substring(rid.length() + 1);
		JsonNode d = f.get("data");
		switch (name) {
			case "change" -> d.get("values").properties().forEach(e -> {
				ResValue v = ResValue.parse(e.getValue());
				if (v.kind() == ResValue.Kind.DELETE) {
					model.remove(e.getKey());
				}
				else {
					model.put(e.getKey(), v);
				}
			});
			case "add" -> collection.add(d.get("idx").asInt(), ResValue.parse(d.get("value")));
			case "remove" -> collection.remove(d.get("idx").asInt());
			default -> {
			}
		}
	}

	void applyAll(List<byte[]> frames) {
		frames.forEach(this::apply);
	}

	boolean matches(ResourceState state) {
		return (state.type() == ResourceType.MODEL) ? state.model().equals(model)
				: state.collection().equals(collection);
	}

	void assertEquals(ResourceState state) {
		if (state.type() == ResourceType.MODEL) {
			assertThat(model).isEqualTo(state.model());
		}
		else {
			assertThat(collection).isEqualTo(state.collection());
		}
	}

	// --- Building states and events ---------------------------------------------------------

	static ResValue value(String json) {
		return ResValue.parse(CODEC.tree(json.getBytes(StandardCharsets.UTF_8)));
	}

	static ResourceState model(long version, Map<String, ResValue> values) {
		return new ResourceState(ResourceType.MODEL, java.util.Collections.unmodifiableMap(new TreeMap<>(values)), null,
				version);
	}

	static ResourceState collection(long version, List<ResValue> values) {
		return new ResourceState(ResourceType.COLLECTION, null, List.copyOf(values), version);
	}

	/** A change of a model: the new state and the event frame as the gateway encodes it. */
	static ResourceState change(ResourceState from, String key, String json) {
		TreeMap<String, ResValue> m = new TreeMap<>(from.model());
		ResValue v = value(json);
		if (v.kind() == ResValue.Kind.DELETE) {
			m.remove(key);
		}
		else {
			m.put(key, v);
		}
		return model(from.version() + 1, m);
	}

	static byte[] changeFrame(String rid, String key, String json) {
		return MESSAGES.event(rid, "change", CODEC.tree(("{\"values\":{\"" + key + "\":" + json + "}}")
			.getBytes(StandardCharsets.UTF_8)));
	}

	static ResourceState add(ResourceState from, int idx, String json) {
		List<ResValue> l = new ArrayList<>(from.collection());
		l.add(idx, value(json));
		return collection(from.version() + 1, l);
	}

	static byte[] addFrame(String rid, int idx, String json) {
		return MESSAGES.event(rid, "add",
				CODEC.tree(("{\"idx\":" + idx + ",\"value\":" + json + "}").getBytes(StandardCharsets.UTF_8)));
	}

	static ResourceState remove(ResourceState from, int idx) {
		List<ResValue> l = new ArrayList<>(from.collection());
		l.remove(idx);
		return collection(from.version() + 1, l);
	}

	static byte[] removeFrame(String rid, int idx) {
		return MESSAGES.event(rid, "remove", CODEC.tree(("{\"idx\":" + idx + "}").getBytes(StandardCharsets.UTF_8)));
	}

	/** The resource as a connection follows it, encoding resynchronisations as the gateway does. */
	static ClientResource resource(String rid) {
		return (from, to) -> ResyncEvents.encode(MESSAGES, rid, from, to, false);
	}
}
