package io.resgate.spring.service.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;

/**
 * Encodes RES-Service responses exactly as go-res does: {@code result}, {@code resource} or
 * {@code error}, then the optional {@code meta}.
 */
final class Responses {

	static final byte[] NOT_FOUND = bytes("{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");

	static final byte[] METHOD_NOT_FOUND = bytes(
			"{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}");

	static final byte[] INTERNAL_ERROR = bytes(
			"{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error\"}}");

	static final byte[] MISSING_QUERY = bytes(
			"{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error: missing query\"}}");

	static final byte[] NO_QUERY_EVENTS = bytes("{\"result\":{\"events\":[]}}");

	private Responses() {
	}

	/**
	 * Tells an error response from a result: the encoder writes {@code error} as the first member.
	 * @param payload an encoded response
	 * @return whether it is an error response
	 */
	static boolean isError(byte[] payload) {
		return payload.length > 2 && payload[0] == '{' && payload[2] == 'e';
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	static ObjectNode meta(Integer status, Map<String, List<String>> headers) {
		if ((status == null || status == 0) && (headers == null || headers.isEmpty())) {
			return null;
		}
		ObjectNode meta = JsonNodeFactory.instance.objectNode();
		if (status != null && status != 0) {
			meta.put("status", status);
		}
		if (headers != null && !headers.isEmpty()) {
			ObjectNode h = meta.putObject("header");
			headers.forEach((k, v) -> {
				var arr = h.putArray(k);
				v.forEach(arr::add);
			});
		}
		return meta;
	}

	static byte[] result(ResCodec codec, JsonNode result, ObjectNode meta) {
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		n.set("result", (result == null) ? JsonNodeFactory.instance.nullNode() : result);
		if (meta != null) {
			n.set("meta", meta);
		}
		return codec.encode(n);
	}

	static byte[] resource(ResCodec codec, String rid, ObjectNode meta) {
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		n.putObject("resource").put("rid", rid);
		if (meta != null) {
			n.set("meta", meta);
		}
		return codec.encode(n);
	}

	static byte[] error(ResCodec codec, ResError error, ObjectNode meta) {
		ObjectNode n = JsonNodeFactory.instance.objectNode();
		ObjectNode e = n.putObject("error");
		e.put("code", error.code());
		e.put("message", error.message());
		if (error.data() != null && !error.data().isNull()) {
			e.set("data", error.data());
		}
		if (meta != null) {
			n.set("meta", meta);
		}
		return codec.encode(n);
	}
}
