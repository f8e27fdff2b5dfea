package io.resgate.spring.service.runtime;

import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.Rid;

/**
 * Checks that JSON values are valid RES values: primitives, resource references
 * ({@code {"rid":...,"soft":true}}), data values ({@code {"data":...}}) and, in change events only,
 * the delete action.
 */
final class ValueChecker {

	private ValueChecker() {
	}

	/**
	 * Checks one value.
	 * @param value the value
	 * @param allowDelete whether the delete action is allowed
	 * @return {@code null} if valid, else what is wrong
	 */
	static String problem(JsonNode value, boolean allowDelete) {
		if (value == null || value.isMissingNode()) {
			return "a missing value";
		}
		if (value.isValueNode()) {
			return null;
		}
		if (value.isArray()) {
			return "an array; wrap it in a DataValue";
		}
		if (value.has("rid")) {
			JsonNode rid = value.get("rid");
			if (!rid.isString() || !Rid.isValid(rid.asString())) {
				return "a reference with an invalid resource ID: " + rid;
			}
			for (String k : value.propertyNames()) {
				if (!k.equals("rid") && !k.equals("soft")) {
					return "a reference with an unknown member '" + k + "'";
				}
			}
			JsonNode soft = value.get("soft");
			if (soft != null && !soft.isBoolean()) {
				return "a reference with a non-boolean soft flag";
			}
			return null;
		}
		if (value.has("data") && value.size() == 1) {
			return null;
		}
		if (allowDelete && value.size() == 1 && value.has("action") && value.get("action").isString()
				&& "delete".equals(value.get("action").asString())) {
			return null;
		}
		return "a nested object; use a ResRef for a resource reference or wrap it in a DataValue";
	}

	/**
	 * Checks all property values of a model or change event.
	 * @param object the model or values object
	 * @param allowDelete whether delete actions are allowed
	 * @return {@code null} if valid, else what is wrong
	 */
	static String objectProblem(JsonNode object, boolean allowDelete) {
		for (Map.Entry<String, JsonNode> e : object.properties()) {
			String p = problem(e.getValue(), allowDelete);
			if (p != null) {
				return "property '" + e.getKey() + "' is " + p;
			}
		}
		return null;
	}

	/**
	 * Checks all items of a collection.
	 * @param array the collection
	 * @return {@code null} if valid, else what is wrong
	 */
	static String arrayProblem(JsonNode array) {
		int i = 0;
		for (JsonNode item : array) {
			String p = problem(item, false);
			if (p != null) {
				return "item " + i + " is " + p;
			}
			i++;
		}
		return null;
	}
}
