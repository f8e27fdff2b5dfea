package io.resgate.spring.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;

import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.cache.ResourceType;
import io.resgate.spring.protocol.JsonBytes;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource set of a response or event: resources the client did not have yet, grouped into
 * models, collections and errors by resource ID as the client knows it. Resources are kept as the
 * cache's snapshots, whose encoding is shared; trees are built only when asked for.
 */
public final class ResourceSet {

	private final boolean legacy;

	private Map<String, ResourceState> resources;

	private Map<String, ResError> errors;

	private int models;

	/**
	 * Creates an empty set.
	 * @param legacy whether the client speaks a protocol older than 1.2.1 (values as such a client sees them)
	 */
	public ResourceSet(boolean legacy) {
		this.legacy = legacy;
	}

	/**
	 * Adds a model or collection.
	 * @param rid the resource ID as the client knows it
	 * @param state the data
	 */
	void add(String rid, ResourceState state) {
		if (resources == null) {
			resources = new LinkedHashMap<>();
		}
		if (resources.put(rid, state) == null && state.type() == ResourceType.MODEL) {
			models++;
		}
	}

	/**
	 * Adds a resource that failed to load.
	 * @param rid the resource ID as the client knows it
	 * @param error the error
	 */
	void addError(String rid, ResError error) {
		if (errors == null) {
			errors = new LinkedHashMap<>();
		}
		errors.put(rid, error);
	}

	/**
	 * The data of one resource of the set, as the cache's snapshot.
	 * @param rid the resource ID as the client knows it
	 * @return the snapshot, or {@code null} if the set holds no data of that resource
	 */
	public ResourceState state(String rid) {
		return (resources == null) ? null : resources.get(rid);
	}

	/** @return the models by resource ID, as trees */
	public Map<String, JsonNode> models() {
		return trees(ResourceType.MODEL);
	}

	/** @return the collections by resource ID, as trees */
	public Map<String, JsonNode> collections() {
		return trees(ResourceType.COLLECTION);
	}

	private Map<String, JsonNode> trees(ResourceType type) {
		Map<String, JsonNode> m = new LinkedHashMap<>();
		if (resources != null) {
			resources.forEach((rid, s) -> {
				if (s.type() == type) {
					m.put(rid, s.toJson(legacy));
				}
			});
		}
		return m;
	}

	/** @return the errors by resource ID */
	public Map<String, ResError> errors() {
		return (errors == null) ? Map.of() : errors;
	}

	/** @return whether the set holds nothing */
	public boolean isEmpty() {
		return resources == null && errors == null;
	}

	/**
	 * Adds the non-empty groups to a JSON object.
	 * @param target the object to add {@code models}, {@code collections}, {@code errors} to
	 * @param codec the codec, to encode errors
	 * @return the target
	 */
	public ObjectNode addTo(ObjectNode target, ResCodec codec) {
		if (models > 0) {
			ObjectNode m = target.putObject("models");
			models().forEach(m::set);
		}
		if (resources != null && resources.size() > models) {
			ObjectNode c = target.putObject("collections");
			collections().forEach(c::set);
		}
		if (errors != null) {
			ObjectNode e = target.putObject("errors");
			errors.forEach((k, v) -> e.set(k, codec.toTree(v)));
		}
		return target;
	}

	/**
	 * Writes the non-empty groups as members of a JSON object being written, from the shared
	 * encodings of the resources.
	 * @param out the buffer
	 * @param first whether no member was written to the object yet
	 * @param codec the codec, for resources not encoded yet and for errors
	 * @return whether no member was written to the object yet, after this
	 */
	public boolean writeMembers(JsonBytes out, boolean first, ResCodec codec) {
		if (models > 0) {
			first = writeGroup(out, first, "\"models\":", ResourceType.MODEL, codec);
		}
		if (resources != null && resources.size() > models) {
			first = writeGroup(out, first, "\"collections\":", ResourceType.COLLECTION, codec);
		}
		if (errors != null) {
			out.append(first ? '{' : ',').ascii("\"errors\":");
			char sep = '{';
			for (Map.Entry<String, ResError> e : errors.entrySet()) {
				out.append(sep).string(e.getKey()).append(':').raw(codec.encode(e.getValue()));
				sep = ',';
			}
			out.append('}');
			first = false;
		}
		return first;
	}

	private boolean writeGroup(JsonBytes out, boolean first, String name, ResourceType type, ResCodec codec) {
		out.append(first ? '{' : ',').ascii(name);
		char sep = '{';
		for (Map.Entry<String, ResourceState> e : resources.entrySet()) {
			if (e.getValue().type() == type) {
				out.append(sep).string(e.getKey()).append(':').raw(e.getValue().encoded(legacy, codec));
				sep = ',';
			}
		}
		out.append('}');
		return false;
	}
}
