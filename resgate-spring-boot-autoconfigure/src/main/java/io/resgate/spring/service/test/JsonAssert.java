package io.resgate.spring.service.test;

import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.ResCodec;

/**
 * Compares JSON the way the assertions of the test kit do: the expected value is encoded with the
 * codec and parsed back, so records, maps and JSON strings compare by their JSON form.
 */
final class JsonAssert {

	private JsonAssert() {
	}

	static JsonNode toJson(ResCodec codec, Object expected) {
		if (expected instanceof JsonNode n) {
			return codec.tree(codec.encode(n));
		}
		return codec.tree(codec.encode(expected));
	}

	static void assertJson(ResCodec codec, String what, Object expected, JsonNode actual, String context) {
		JsonNode e = toJson(codec, expected);
		if (!e.equals(actual)) {
			throw new AssertionError(what + ": expected " + e + " but was " + actual + " in " + context);
		}
	}
}
