package io.resgate.spring.gateway.http;

import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * Reads the body of an HTTP API call as the call's parameters.
 */
final class RequestBodies {

	private RequestBodies() {
	}

	/**
	 * Parses a request body as call parameters: a body of white space only means no parameters
	 * (sent as {@code null}); anything else must be one JSON value.
	 * @param body the body bytes
	 * @param codec the JSON codec
	 * @return the parameters as sent; JSON {@code null} for an empty body
	 * @throws ResException with {@code system.badRequest} if the body is not JSON
	 */
	static RawJson parseParams(byte[] body, ResCodec codec) {
		if (body == null || isBlank(body)) {
			return RawJson.NULL;
		}
		try {
			codec.mapper()
				.readerFor(JsonNode.class)
				.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
				.readValue(body);
			int from = 0;
			int to = body.length;
			while (isSpace(body[from])) {
				from++;
			}
			while (isSpace(body[to - 1])) {
				to--;
			}
			return RawJson.copyOf(body, from, to);
		}
		catch (JacksonException ex) {
			throw new ResException(new ResError(HttpErrors.CODE_BAD_REQUEST,
					"Error decoding request body: " + ex.getOriginalMessage()));
		}
	}

	private static boolean isBlank(byte[] body) {
		for (byte b : body) {
			if (!isSpace(b)) {
				return false;
			}
		}
		return true;
	}

	private static boolean isSpace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0B || b == 0x0C;
	}
}
