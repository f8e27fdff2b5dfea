package io.resgate.spring.gateway.conformance;

import java.nio.charset.StandardCharsets;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON for the conformance tests: expected values are written with single quotes for readability
 * ({@code "{'a':1}"}); what the gateway sends is parsed strictly.
 */
final class Json {

	/** Deep enough for the deep params the gateway passes on. */
	private static final StreamReadConstraints DEEP = StreamReadConstraints.builder().maxNestingDepth(5_000).build();

	private static final JsonMapper LENIENT = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(DEEP).build())
		.enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
		.build();

	private static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(DEEP).build())
		.build();

	private Json() {
	}

	/** Parses a literal written by a test, single quotes allowed. */
	static JsonNode expected(String json) {
		return LENIENT.readTree(json);
	}

	/** Parses bytes received from the gateway, strictly. */
	static JsonNode received(byte[] json) {
		return STRICT.readTree(json);
	}

	/** Parses text received from the gateway, strictly. */
	static JsonNode received(String json) {
		return STRICT.readTree(json);
	}

	/** Encodes a test literal (single quotes allowed) as strict JSON bytes. */
	static byte[] bytes(String json) {
		return STRICT.writeValueAsBytes(expected(json));
	}

	static byte[] bytes(JsonNode node) {
		return STRICT.writeValueAsBytes(node);
	}

	static String text(JsonNode node) {
		return STRICT.writeValueAsString(node);
	}

	static String utf8(byte[] data) {
		return new String(data, StandardCharsets.UTF_8);
	}

	/** Asserts JSON equality as data (object key order ignored, numbers compared by value). */
	static void assertJsonEquals(JsonNode actual, JsonNode expected, String what) {
		assertThat(normalize(actual)).as(what + ": " + actual).isEqualTo(normalize(expected));
	}

	/** Re-reads a node so that numbers of different node types but equal value compare equal. */
	private static JsonNode normalize(JsonNode node) {
		if (node == null) {
			return null;
		}
		return STRICT.readTree(STRICT.writeValueAsString(node));
	}
}
