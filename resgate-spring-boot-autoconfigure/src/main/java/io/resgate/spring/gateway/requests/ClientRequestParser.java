package io.resgate.spring.gateway.requests;

import io.resgate.spring.protocol.RawJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads RES-Client request frames with a streaming parser: the {@code id}, the {@code method} and
 * the span of the {@code params}, which is kept as raw JSON and never built into a tree. Skipping
 * nested values is iterative, so deep params cost no stack; nesting is limited to
 * {@value #MAX_DEPTH} levels (as Go's JSON decoder, which Resgate uses, limits it). Other limits of
 * the JSON parser are lifted: the frame size is bounded by the transport.
 *
 * <p>Like Resgate, a frame that is not a JSON object, has trailing content, or has no {@code id}
 * that is an unsigned 64-bit integer, or a {@code method} that is not a string, is no request.
 */
final class ClientRequestParser {

	/** The deepest nesting of a client request frame. */
	static final int MAX_DEPTH = 10_000;

	private static final String MAX_ID = "18446744073709551615";

	private final JsonFactory factory = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(MAX_DEPTH)
			.maxNumberLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.build())
		.build();

	/** A frame nested deeper than {@value #MAX_DEPTH} levels. */
	static final class TooDeepException extends Exception {

		private final String id;

		TooDeepException(String id) {
			super(null, null, false, false);
			this.id = id;
		}

		/** @return the request ID, or {@code null} if the frame has none */
		String id() {
			return id;
		}
	}

	/**
	 * Reads a frame.
	 * @param frame the frame, UTF-8
	 * @return the request, or {@code null} if the frame is no request
	 * @throws TooDeepException if the frame is nested too deep
	 */
	ClientRequest parse(byte[] frame) throws TooDeepException {
		try (JsonParser p = factory.createParser(ObjectReadContext.empty(), frame)) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			String id = null;
			String method = "";
			RawJson params = null;
			boolean valid = true;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				JsonToken t = p.nextToken();
				switch (name) {
					case "id" -> {
						id = (t == JsonToken.VALUE_NULL) ? null : idOf(p, t);
						valid &= t == JsonToken.VALUE_NULL || id != null;
					}
					case "method" -> {
						if (t == JsonToken.VALUE_STRING) {
							method = p.getString();
						}
						else {
							method = "";
							valid &= t == JsonToken.VALUE_NULL;
						}
					}
					case "params" -> params = (t == JsonToken.VALUE_NULL) ? null : span(p, frame);
					default -> p.skipChildren();
				}
			}
			if (p.nextToken() != null || !valid || id == null) {
				return null;
			}
			return new ClientRequest(id, method, params);
		}
		catch (StreamConstraintsException ex) {
			throw new TooDeepException(scanId(frame));
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/**
	 * A top-level member of the params object.
	 * @param token the token of its value, {@code null} if the member is absent
	 * @param text the text of a scalar value, else {@code null}
	 */
	record Member(JsonToken token, String text) {

		static final Member ABSENT = new Member(null, null);
	}

	/**
	 * Reads one top-level member of the params of a request that the gateway answers itself, such
	 * as {@code protocol} of a version request; other members are skipped.
	 * @param params the params
	 * @param name the member name
	 * @return the member (the last one, if repeated), {@link Member#ABSENT}, or {@code null} if the
	 * params are not a JSON object
	 */
	Member member(RawJson params, String name) {
		try (JsonParser p = factory.createParser(ObjectReadContext.empty(), params.bytes())) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			Member found = Member.ABSENT;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String n = p.currentName();
				JsonToken t = p.nextToken();
				if (n.equals(name)) {
					found = new Member(t, t.isScalarValue() ? p.getText() : null);
				}
				p.skipChildren();
			}
			return found;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static RawJson span(JsonParser p, byte[] frame) {
		int from = (int) p.currentTokenLocation().getByteOffset();
		p.skipChildren();
		p.finishToken();
		int to = (int) p.currentLocation().getByteOffset();
		return RawJson.copyOf(frame, from, to);
	}

	/** @return the digits of an unsigned 64-bit integer, or {@code null} if the token is none */
	private static String idOf(JsonParser p, JsonToken t) {
		if (t != JsonToken.VALUE_NUMBER_INT) {
			p.skipChildren();
			return null;
		}
		String digits = p.getText();
		if (digits.startsWith("-")) {
			return null;
		}
		if (digits.length() > MAX_ID.length()
				|| (digits.length() == MAX_ID.length() && digits.compareTo(MAX_ID) > 0)) {
			return null;
		}
		return digits;
	}

	/**
	 * Finds the top-level {@code id} of a frame the parser gave up on for its depth, with a scan
	 * that needs no stack: tracks strings and nesting, and reads the number after an {@code "id"}
	 * member name at depth one.
	 * @return the ID digits, or {@code null} if there is no valid one
	 */
	static String scanId(byte[] frame) {
		return scanId(frame, false);
	}

	/**
	 * Finds the top-level {@code id} of a frame, or of the start of a frame that was cut (then a
	 * number that reaches the cut may have lost digits, and is not taken).
	 * @param frame the frame, or its start
	 * @param cut whether the frame was cut at its end
	 * @return the ID digits, or {@code null} if there is no valid one
	 */
	static String scanId(byte[] frame, boolean cut) {
		int depth = 0;
		int i = 0;
		int n = frame.length;
		boolean expectName = false;
		while (i < n) {
			byte b = frame[i];
			if (b == '"') {
				int start = i + 1;
				i = skipString(frame, start);
				if (depth == 1 && expectName && i - 1 - start == 2 && frame[start] == 'i' && frame[start + 1] == 'd') {
					int j = skipSpace(frame, i);
					if (j < n && frame[j] == ':') {
						String id = number(frame, skipSpace(frame, j + 1), cut);
						if (id != null) {
							return id;
						}
					}
				}
				expectName = false;
				continue;
			}
			if (b == '{' || b == '[') {
				depth++;
				expectName = b == '{';
			}
			else if (b == '}' || b == ']') {
				depth--;
			}
			else if (b == ',') {
				expectName = depth == 1;
			}
			i++;
		}
		return null;
	}

	private static int skipString(byte[] frame, int i) {
		while (i < frame.length) {
			byte b = frame[i++];
			if (b == '\\') {
				i++;
			}
			else if (b == '"') {
				return i;
			}
		}
		return i;
	}

	private static int skipSpace(byte[] frame, int i) {
		while (i < frame.length && (frame[i] == ' ' || frame[i] == '\t' || frame[i] == '\n' || frame[i] == '\r')) {
			i++;
		}
		return i;
	}

	private static String number(byte[] frame, int i, boolean cut) {
		int start = i;
		while (i < frame.length && frame[i] >= '0' && frame[i] <= '9') {
			i++;
		}
		if (i == start || i - start > MAX_ID.length() || (cut && i == frame.length)) {
			return null;
		}
		if (i < frame.length && (frame[i] == '.' || frame[i] == 'e' || frame[i] == 'E')) {
			return null;
		}
		String digits = new String(frame, start, i - start, java.nio.charset.StandardCharsets.US_ASCII);
		if ((digits.length() > 1 && digits.charAt(0) == '0')
				|| (digits.length() == MAX_ID.length() && digits.compareTo(MAX_ID) > 0)) {
			return null;
		}
		return digits;
	}
}
