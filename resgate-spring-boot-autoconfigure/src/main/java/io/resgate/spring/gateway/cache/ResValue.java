package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A RES value as the gateway caches it: its kind, the referenced resource ID for references, and
 * the JSON sent to clients. A data value holding a primitive is kept as that primitive.
 *
 * @param kind the kind of value
 * @param rid the resource ID of a (soft) reference, else {@code null}
 * @param json the value as clients see it
 */
public record ResValue(Kind kind, String rid, JsonNode json) {

	/** The kinds of values. */
	public enum Kind {
		/** The delete action of a change event. */
		DELETE,
		/** A string, number, boolean or null. */
		PRIMITIVE,
		/** A resource reference, followed by the gateway. */
		REFERENCE,
		/** A soft resource reference, not followed. */
		SOFT_REFERENCE,
		/** A data value holding an object or array. */
		DATA
	}

	/** The delete action. */
	public static final ResValue DELETE = new ResValue(Kind.DELETE, null, deleteJson());

	private static final JsonNode LEGACY_DATA = JsonNodeFactory.instance.stringNode("[Data]");

	/**
	 * Parses a JSON value.
	 * @param node the JSON
	 * @return the value; may be {@link #DELETE}
	 * @throws ResException with {@code system.internalError} if it is no valid value
	 */
	public static ResValue parse(JsonNode node) {
		if (node == null || node.isMissingNode()) {
			throw invalid("missing value");
		}
		if (node.isArray()) {
			throw invalid("nested json array must be wrapped as a data value");
		}
		if (!node.isObject()) {
			return new ResValue(Kind.PRIMITIVE, null, node);
		}
		JsonNode rid = node.get("rid");
		JsonNode action = node.get("action");
		JsonNode data = node.get("data");
		if (rid != null && !rid.isNull()) {
			if (!rid.isString()) {
				throw invalid("resource reference rid must be a string");
			}
			if (rid.asString().isEmpty()) {
				throw invalid("resource references requires a non-empty \"rid\" value");
			}
			if ((action != null && !action.isNull()) || data != null) {
				throw invalid("ambiguous value type");
			}
			if (!Rid.isValid(rid.asString())) {
				throw invalid("resource reference rid \"" + rid.asString() + "\" is invalid");
			}
			JsonNode soft = node.get("soft");
			if (soft != null && !soft.isNull() && !soft.isBoolean()) {
				throw invalid("soft flag must be a boolean");
			}
			boolean isSoft = soft != null && soft.asBoolean(false);
			return new ResValue(isSoft ? Kind.SOFT_REFERENCE : Kind.REFERENCE, rid.asString(), node);
		}
		if (action != null && !action.isNull()) {
			if (data != null) {
				throw invalid("ambiguous value type");
			}
			if (!action.isString()) {
				throw invalid("action must be a string");
			}
			if (!"delete".equals(action.asString())) {
				throw invalid("unknown action \"" + action.asString() + "\"");
			}
			return DELETE;
		}
		if (data != null) {
			if (data.isObject() || data.isArray()) {
				return new ResValue(Kind.DATA, null, node);
			}
			return new ResValue(Kind.PRIMITIVE, null, data);
		}
		throw invalid("nested json object must be wrapped as a data value");
	}

	/**
	 * Parses the values of a model.
	 * @param model the JSON object
	 * @return the values, sorted by key, unmodifiable
	 * @throws ResException with {@code system.internalError} if it is no model of valid values
	 */
	public static Map<String, ResValue> model(JsonNode model) {
		if (!model.isObject()) {
			throw ResException.internalError("invalid model");
		}
		TreeMap<String, ResValue> m = new TreeMap<>();
		for (Map.Entry<String, JsonNode> e : model.properties()) {
			m.put(e.getKey(), parseProper(e.getValue()));
		}
		return Collections.unmodifiableMap(m);
	}

	/**
	 * Parses the values of a collection.
	 * @param collection the JSON array
	 * @return the values, unmodifiable
	 * @throws ResException with {@code system.internalError} if it is no collection of valid values
	 */
	public static List<ResValue> collection(JsonNode collection) {
		if (!collection.isArray()) {
			throw ResException.internalError("invalid collection");
		}
		List<ResValue> l = new ArrayList<>(collection.size());
		for (JsonNode v : collection) {
			l.add(parseProper(v));
		}
		return Collections.unmodifiableList(l);
	}

	/**
	 * Parses a value that must be a primitive, reference or data value (not a delete action).
	 * @param node the JSON
	 * @return the value
	 */
	public static ResValue parseProper(JsonNode node) {
		ResValue v = parse(node);
		if (v.kind == Kind.DELETE) {
			throw invalid("delete action not allowed");
		}
		return v;
	}

	private static ResException invalid(String reason) {
		return new ResException(ResError.internalError("invalid value: " + reason));
	}

	private static JsonNode deleteJson() {
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		n.put("action", "delete");
		return n;
	}

	/** @return whether this is a non-soft reference */
	public boolean isReference() {
		return kind == Kind.REFERENCE;
	}

	/**
	 * The value as sent to clients speaking a protocol older than 1.2.1: soft references become
	 * their resource ID string and data values a {@code "[Data]"} placeholder.
	 * @return the legacy JSON
	 */
	public JsonNode legacyJson() {
		return switch (kind) {
			case SOFT_REFERENCE -> JsonNodeFactory.instance.stringNode(rid);
			case DATA -> LEGACY_DATA;
			default -> json;
		};
	}

	/**
	 * The JSON for a client.
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @return the JSON
	 */
	public JsonNode json(boolean legacy) {
		return legacy ? legacyJson() : json;
	}

	/**
	 * Encodes a model's values as a JSON object for a client.
	 * @param values the values
	 * @param legacy whether the client speaks a protocol older than 1.2.1
	 * @return the object
	 */
	public static ObjectNode toJson(Map<String, ResValue> values, boolean legacy) {
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		values.forEach((k, v) -> n.set(k, v.json(legacy)));
		return n;
	}

	@Override
	public boolean equals(Object o) {
		if (!(o instanceof ResValue other) || other.kind != kind) {
			return false;
		}
		return switch (kind) {
			case REFERENCE, SOFT_REFERENCE -> rid.equals(other.rid);
			case DELETE -> true;
			default -> json.equals(other.json);
		};
	}

	@Override
	public int hashCode() {
		return switch (kind) {
			case REFERENCE, SOFT_REFERENCE -> kind.hashCode() * 31 + rid.hashCode();
			case DELETE -> 1;
			default -> kind.hashCode() * 31 + json.hashCode();
		};
	}
}
