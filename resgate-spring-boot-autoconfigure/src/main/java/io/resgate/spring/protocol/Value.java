package io.resgate.spring.protocol;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonValue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A RES value: a primitive, a resource reference (possibly soft), a data value, or, inside change
 * events only, a delete action.
 */
public sealed interface Value permits Value.Primitive, Value.Ref, Value.Data, Value.Delete {

	/** The delete action, {@code {"action":"delete"}}. */
	Delete DELETE = new Delete();

	/**
	 * Parses a JSON value as a RES value. A data value holding a primitive is the primitive.
	 * @param node the JSON value
	 * @param allowDelete whether a delete action is allowed (only in model change values)
	 * @return the value
	 * @throws IllegalArgumentException if the JSON is not a valid RES value
	 */
	static Value parse(JsonNode node, boolean allowDelete) {
		if (node == null || node.isMissingNode()) {
			throw new IllegalArgumentException("Missing value");
		}
		if (node.isValueNode()) {
			return new Primitive(node);
		}
		if (node.isArray()) {
			throw new IllegalArgumentException("Arrays are not valid values; use a data value");
		}
		JsonNode rid = node.get("rid");
		if (rid != null) {
			if (!rid.isString() || !Rid.isValid(rid.asString())) {
				throw new IllegalArgumentException("Invalid resource reference: " + node);
			}
			JsonNode soft = node.get("soft");
			if (soft != null && !soft.isBoolean() && !soft.isNull()) {
				throw new IllegalArgumentException("Invalid soft flag: " + node);
			}
			return new Ref(rid.asString(), soft != null && soft.asBoolean());
		}
		if (node.has("data")) {
			JsonNode data = node.get("data");
			return data.isValueNode() ? new Primitive(data) : new Data(data);
		}
		JsonNode action = node.get("action");
		if (action != null) {
			if (allowDelete && action.isString() && "delete".equals(action.asString())) {
				return DELETE;
			}
			throw new IllegalArgumentException("Invalid action: " + node);
		}
		throw new IllegalArgumentException("Objects are not valid values; use a data value or a reference: " + node);
	}

	/**
	 * Parses a JSON value that must not be a delete action.
	 * @param node the JSON value
	 * @return the value
	 */
	static Value parse(JsonNode node) {
		return parse(node, false);
	}

	/**
	 * The value as JSON, as sent to clients over the WebSocket.
	 * @return the JSON form
	 */
	@JsonValue
	JsonNode toJson();

	/**
	 * A JSON string, number, boolean or null.
	 * @param node the JSON value
	 */
	record Primitive(JsonNode node) implements Value {
		public Primitive {
			Objects.requireNonNull(node, "node");
		}

		@Override
		public JsonNode toJson() {
			return node;
		}
	}

	/**
	 * A resource reference.
	 * @param rid the referenced resource ID
	 * @param soft whether the gateway should not follow the reference
	 */
	record Ref(String rid, boolean soft) implements Value {
		public Ref {
			if (!Rid.isValid(rid)) {
				throw new IllegalArgumentException("Invalid resource ID: " + rid);
			}
		}

		@Override
		public JsonNode toJson() {
			ObjectNode n = JsonNodeFactory.instance.objectNode();
			n.put("rid", rid);
			if (soft) {
				n.put("soft", true);
			}
			return n;
		}
	}

	/**
	 * A data value holding an object or array.
	 * @param data the contained JSON value
	 */
	record Data(JsonNode data) implements Value {
		public Data {
			Objects.requireNonNull(data, "data");
		}

		@Override
		public JsonNode toJson() {
			ObjectNode n = JsonNodeFactory.instance.objectNode();
			n.set("data", data);
			return n;
		}
	}

	/** The delete action of a model change event. */
	record Delete() implements Value {
		@Override
		public JsonNode toJson() {
			ObjectNode n = JsonNodeFactory.instance.objectNode();
			n.put("action", "delete");
			return n;
		}
	}
}
