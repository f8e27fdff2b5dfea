package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * An immutable snapshot of a cached resource's data: a model or a collection at a given internal
 * version. The version starts at 0 on load and grows by one with every event that changes the data.
 *
 * @param type the resource type
 * @param model the model values, sorted by key, or {@code null} for a collection
 * @param collection the collection values, or {@code null} for a model
 * @param version the internal version
 */
public record ResourceState(ResourceType type, Map<String, ResValue> model, List<ResValue> collection, long version) {

	/**
	 * The data as sent to clients.
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @return a JSON object (model) or array (collection)
	 */
	public JsonNode toJson(boolean legacy) {
		if (type == ResourceType.MODEL) {
			return ResValue.toJson(model, legacy);
		}
		var arr = tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
		for (ResValue v : collection) {
			arr.add(v.json(legacy));
		}
		return arr;
	}

	/** @return the values of the resource, model values in key order */
	public Iterable<ResValue> values() {
		return (type == ResourceType.MODEL) ? model.values() : collection;
	}
}
