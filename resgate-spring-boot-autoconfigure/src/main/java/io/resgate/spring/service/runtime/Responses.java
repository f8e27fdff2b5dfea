package io.resgate.spring.service.runtime;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ServiceResponse;
import io.resgate.spring.protocol.Value;

/**
 * The service side's RES-Service responses: constant ones, and the others encoded by the protocol's
 * codec ({@link ResCodec#encodeResponse}) as go-res writes them.
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

	static Meta meta(Integer status, Map<String, List<String>> headers) {
		boolean hasStatus = status != null && status != 0;
		boolean hasHeaders = headers != null && !headers.isEmpty();
		if (!hasStatus && !hasHeaders) {
			return null;
		}
		return new Meta(hasStatus ? status : null, hasHeaders ? headers : null);
	}

	static byte[] result(ResCodec codec, JsonNode result, Meta meta) {
		return codec.encodeResponse(new ServiceResponse(result, null, null, meta));
	}

	static byte[] resource(ResCodec codec, String rid, Meta meta) {
		return codec.encodeResponse(new ServiceResponse(null, new Value.Ref(rid, false), null, meta));
	}

	static byte[] error(ResCodec codec, ResError error, Meta meta) {
		return codec.encodeResponse(new ServiceResponse(null, null, error, meta));
	}
}
