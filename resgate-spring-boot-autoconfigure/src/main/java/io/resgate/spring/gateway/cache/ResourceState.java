package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.resgate.spring.protocol.ResCodec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * An immutable snapshot of a cached resource's data: a model or a collection at a given internal
 * version. The version starts at 0 on load and grows by one with every event that changes the data.
 *
 * <p>The data as clients see it is encoded once per protocol flavour and kept with the snapshot,
 * so every response that carries this state reuses the same bytes. Equality is by value, as for a
 * record; the encodings do not take part.
 */
public final class ResourceState {

	private final ResourceType type;

	private final Map<String, ResValue> model;

	private final List<ResValue> collection;

	private final long version;

	private volatile byte[] json;

	private volatile byte[] legacyJson;

	/**
	 * Creates a snapshot.
	 * @param type the resource type
	 * @param model the model values, sorted by key, unmodifiable, or {@code null} for a collection
	 * @param collection the collection values, unmodifiable, or {@code null} for a model
	 * @param version the internal version
	 */
	public ResourceState(ResourceType type, Map<String, ResValue> model, List<ResValue> collection, long version) {
		this.type = type;
		this.model = model;
		this.collection = collection;
		this.version = version;
	}

	/** @return the resource type */
	public ResourceType type() {
		return type;
	}

	/** @return the model values, sorted by key, or {@code null} for a collection */
	public Map<String, ResValue> model() {
		return model;
	}

	/** @return the collection values, or {@code null} for a model */
	public List<ResValue> collection() {
		return collection;
	}

	/** @return the internal version */
	public long version() {
		return version;
	}

	/**
	 * The data as sent to clients.
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @return a JSON object (model) or array (collection)
	 */
	public JsonNode toJson(boolean legacy) {
		if (type == ResourceType.MODEL) {
			return ResValue.toJson(model, legacy);
		}
		ArrayNode arr = JsonNodeFactory.instance.arrayNode(collection.size());
		for (ResValue v : collection) {
			arr.add(v.json(legacy));
		}
		return arr;
	}

	/**
	 * The data as sent to clients, encoded; encoded on first use and then shared.
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @param codec the codec, for the first use
	 * @return the JSON bytes; must not be modified
	 */
	public byte[] encoded(boolean legacy, ResCodec codec) {
		byte[] b = legacy ? legacyJson : json;
		if (b == null) {
			b = codec.encode(toJson(legacy));
			if (legacy) {
				legacyJson = b;
			}
			else {
				json = b;
			}
		}
		return b;
	}

	/** @return the values of the resource, model values in key order */
	public Iterable<ResValue> values() {
		return (type == ResourceType.MODEL) ? model.values() : collection;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ResourceState s && s.type == type && s.version == version && Objects.equals(s.model, model)
				&& Objects.equals(s.collection, collection);
	}

	@Override
	public int hashCode() {
		return Objects.hash(type, model, collection, version);
	}

	@Override
	public String toString() {
		return "ResourceState[type=" + type + ", model=" + model + ", collection=" + collection + ", version="
				+ version + "]";
	}
}
