package io.resgate.spring.gateway.session;

import java.util.LinkedHashMap;
import java.util.Map;

import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource set of a response or event: resources the client did not have yet, grouped into
 * models, collections and errors by resource ID as the client knows it.
 */
public final class ResourceSet {

	private final Map<String, JsonNode> models = new LinkedHashMap<>();

	private final Map<String, JsonNode> collections = new LinkedHashMap<>();

	private final Map<String, ResError> errors = new LinkedHashMap<>();

	/** @return the models by resource ID */
	public Map<String, JsonNode> models() {
		return models;
	}

	/** @return the collections by resource ID */
	public Map<String, JsonNode> collections() {
		return collections;
	}

	/** @return the errors by resource ID */
	public Map<String, ResError> errors() {
		return errors;
	}

	/** @return whether the set holds nothing */
	public boolean isEmpty() {
		return models.isEmpty() && collections.isEmpty() && errors.isEmpty();
	}

	/**
	 * Adds the non-empty groups to a JSON object.
	 * @param target the object to add {@code models}, {@code collections}, {@code errors} to
	 * @param codec the codec, to encode errors
	 * @return the target
	 */
	public ObjectNode addTo(ObjectNode target, ResCodec codec) {
		if (!models.isEmpty()) {
			ObjectNode m = target.putObject("models");
			models.forEach(m::set);
		}
		if (!collections.isEmpty()) {
			ObjectNode c = target.putObject("collections");
			collections.forEach(c::set);
		}
		if (!errors.isEmpty()) {
			ObjectNode e = target.putObject("errors");
			errors.forEach((k, v) -> e.set(k, codec.toTree(v)));
		}
		return target;
	}
}
