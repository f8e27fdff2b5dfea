package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the most common service responses without a JSON parser, when they are written plainly:
 * strings of printable ASCII without escapes, integers of up to nine digits (with a fraction or
 * exponent: doubles, if the mapper reads them so), {@code true},
 * {@code false} and {@code null}, and objects and arrays of them up to {@link #MAX_DEPTH} levels deep
 * in a value of a model or collection (references, data values), each key once. That is a strict
 * subset of JSON, read into the same nodes as the mapper's tree deserializer makes; anything
 * outside it, valid or not, makes the reader give up ({@code null}) and the caller reads the
 * response with Jackson. One reader per response; not thread-safe.
 */
final class PlainJsonReader {

	private static final int MAX_INT_DIGITS = 9;

	/** How deep objects and arrays may be in a value of a model or collection. */
	static final int MAX_DEPTH = 8;

	private final byte[] b;

	private final JsonNodeFactory nodes;

	private final int maxStringLength;

	/** Whether numbers with a fraction or exponent are read (as the mapper's doubles). */
	private final boolean floats;

	private int i;

	/** Set when the input is outside what this reads. */
	private boolean out;

	/** The nodes of a get response's model, by key, to be replaced by the values read from them. */
	private TreeMap<String, Object> model;

	/** The nodes of a get response's collection, to be replaced by the values read from them. */
	private List<Object> collection;

	private String query;

	/**
	 * @param payload the response
	 * @param nodes makes the nodes
	 * @param maxStringLength the longest string (value or name) the mapper reads
	 * @param floats whether the mapper reads numbers with a fraction or exponent as doubles
	 */
	PlainJsonReader(byte[] payload, JsonNodeFactory nodes, int maxStringLength, boolean floats) {
		this.b = payload;
		this.nodes = nodes;
		this.maxStringLength = maxStringLength;
		this.floats = floats;
	}

	/**
	 * Reads a get response of the form {@code {"result":{"model":{...}}}} or with a
	 * {@code collection}, a {@code query} string and an {@code "error":null}. The values are read by
	 * the function only once all of the response has been found plain, so that giving up costs little.
	 * @return the values, or {@code null} if the response is not written plainly
	 */
	@SuppressWarnings("unchecked")
	<V> GetValues<V> getValues(Function<JsonNode, V> values) {
		if (!startObject()) {
			return null;
		}
		boolean result = false;
		boolean more = !endObject();
		while (more) {
			String name = name();
			if ("result".equals(name) && !result && startObject()) {
				result = true;
				getResult();
			}
			else if (!"error".equals(name) || !literal("null")) {
				return null;
			}
			if (out) {
				return null;
			}
			more = next();
		}
		if (out || !result || !end()) {
			return null;
		}
		String q = (query == null) ? "" : query;
		if (model != null) {
			for (Map.Entry<String, Object> e : model.entrySet()) {
				e.setValue(values.apply((JsonNode) e.getValue()));
			}
			return new GetValues<>(Collections.unmodifiableMap((Map<String, V>) (Map<String, ?>) model), null, q);
		}
		for (int k = 0; k < collection.size(); k++) {
			collection.set(k, values.apply((JsonNode) collection.get(k)));
		}
		return new GetValues<>(null, Collections.unmodifiableList((List<V>) (List<?>) collection), q);
	}

	/** Reads the result's members into {@link #model} or {@link #collection}, and {@link #query}. */
	private void getResult() {
		boolean more = !endObject();
		while (more && !out) {
			String name = name();
			if ("model".equals(name) && model == null && startObject()) {
				model = new TreeMap<>();
				boolean members = !endObject();
				while (members && !out) {
					String key = name();
					JsonNode node = value(MAX_DEPTH);
					if (out || model.put(key, node) != null) {
						out = true;
						return;
					}
					members = next();
				}
			}
			else if ("collection".equals(name) && collection == null && start('[')) {
				collection = new ArrayList<>();
				boolean elements = !end(']');
				while (elements && !out) {
					collection.add(value(MAX_DEPTH));
					elements = nextElement();
				}
			}
			else if ("query".equals(name) && query == null && peek() == '"') {
				query = string();
			}
			else {
				out = true;
			}
			if (out) {
				return;
			}
			more = next();
		}
		out |= (model == null) == (collection == null);
	}

	/**
	 * Reads an access response of the form {@code {"result":{"get":true,"call":"*"}}}, each member of
	 * the result optional, {@code null} allowed.
	 * @return the response, or {@code null} if it is not written plainly
	 */
	AccessResponse accessResponse() {
		if (!startObject() || endObject() || !"result".equals(name()) || !startObject()) {
			return null;
		}
		Boolean get = null;
		String call = null;
		boolean hasCall = false;
		boolean more = !endObject();
		while (more && !out) {
			String name = name();
			if ("get".equals(name) && get == null) {
				get = literal("true") ? Boolean.TRUE : (literal("false") || literal("null")) ? Boolean.FALSE : null;
				out |= get == null;
			}
			else if ("call".equals(name) && !hasCall) {
				hasCall = true;
				if (peek() == '"') {
					call = string();
				}
				else {
					out |= !literal("null");
				}
			}
			else {
				out = true;
			}
			more = !out && next();
		}
		if (out || !endObject() || !end()) {
			return null;
		}
		return new AccessResponse(get != null && get, call, null, null);
	}

	// --- Tokens: each sets out and gives a harmless value when the input is not as expected ---

	private void ws() {
		while (i < b.length && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t')) {
			i++;
		}
	}

	private int peek() {
		ws();
		return (i < b.length) ? b[i] : -1;
	}

	private boolean start(char c) {
		if (peek() != c) {
			out = true;
			return false;
		}
		i++;
		return true;
	}

	private boolean startObject() {
		return start('{');
	}

	/** @return whether the container ends here (then consumed) */
	private boolean end(char c) {
		if (peek() == c) {
			i++;
			return true;
		}
		return false;
	}

	private boolean endObject() {
		return end('}');
	}

	/** @return whether another member follows (the comma consumed); at the object's end, consumes it */
	private boolean next() {
		int c = peek();
		i++;
		if (c == ',') {
			return true;
		}
		out |= c != '}';
		return false;
	}

	private boolean nextElement() {
		int c = peek();
		i++;
		if (c == ',') {
			return true;
		}
		out |= c != ']';
		return false;
	}

	/** @return whether only whitespace is left */
	private boolean end() {
		return peek() == -1;
	}

	/** @return a member's name, the colon consumed */
	private String name() {
		if (peek() != '"') {
			out = true;
			return "";
		}
		String name = string();
		if (peek() != ':') {
			out = true;
		}
		i++;
		return name;
	}

	/** @return the string starting at the quote here */
	private String string() {
		int from = ++i;
		while (i < b.length) {
			byte c = b[i];
			if (c == '"') {
				if (i - from > maxStringLength) {
					break;
				}
				return new String(b, from, i++ - from, StandardCharsets.ISO_8859_1);
			}
			if (c < 0x20 || c == '\\' || c == 0x7f) {
				break;
			}
			i++;
		}
		out = true;
		return "";
	}

	/** @return whether the literal is here (then consumed) */
	private boolean literal(String word) {
		ws();
		int n = word.length();
		if (i + n > b.length) {
			return false;
		}
		for (int k = 0; k < n; k++) {
			if (b[i + k] != word.charAt(k)) {
				return false;
			}
		}
		if (i + n < b.length && isWordChar(b[i + n])) {
			return false;
		}
		i += n;
		return true;
	}

	private static boolean isWordChar(byte c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
				|| c == '.' || c < 0;
	}

	/**
	 * @param depth how many more levels of objects and arrays may be here
	 * @return the node of the value here
	 */
	private JsonNode value(int depth) {
		int c = peek();
		if (c == '"') {
			return nodes.stringNode(string());
		}
		if (c == '-' || (c >= '0' && c <= '9')) {
			return number();
		}
		if (literal("true")) {
			return nodes.booleanNode(true);
		}
		if (literal("false")) {
			return nodes.booleanNode(false);
		}
		if (literal("null")) {
			return nodes.nullNode();
		}
		if (c == '{' && depth > 0) {
			i++;
			ObjectNode o = nodes.objectNode();
			boolean more = !endObject();
			while (more && !out) {
				String key = name();
				JsonNode v = value(depth - 1);
				if (out || o.replace(key, v) != null) {
					out = true;
					return o;
				}
				more = next();
			}
			return o;
		}
		if (c == '[' && depth > 0) {
			i++;
			ArrayNode a = nodes.arrayNode();
			boolean more = !end(']');
			while (more && !out) {
				a.add(value(depth - 1));
				more = nextElement();
			}
			return a;
		}
		out = true;
		return nodes.nullNode();
	}

	/**
	 * @return an integer of one to nine digits, no leading zero, not {@code -0}; or, if floats are
	 *         read, a fraction and/or exponent after such digits (up to 24 characters), as a double
	 */
	private JsonNode number() {
		boolean negative = b[i] == '-';
		int from = negative ? i + 1 : i;
		int to = digits(from);
		int digits = to - from;
		if (digits == 0 || digits > MAX_INT_DIGITS || (b[from] == '0' && (digits > 1 || negative))) {
			out = true;
			return nodes.nullNode();
		}
		if (to < b.length && (b[to] == '.' || b[to] == 'e' || b[to] == 'E')) {
			return fraction(to);
		}
		if (to < b.length && isWordChar(b[to])) {
			out = true;
			return nodes.nullNode();
		}
		int v = 0;
		for (int k = from; k < to; k++) {
			v = v * 10 + (b[k] - '0');
		}
		i = to;
		return nodes.numberNode(negative ? -v : v);
	}

	private int digits(int from) {
		int to = from;
		while (to < b.length && b[to] >= '0' && b[to] <= '9') {
			to++;
		}
		return to;
	}

	/** @param at where the fraction or exponent of the number at {@link #i} starts */
	private JsonNode fraction(int at) {
		int to = at;
		if (b[to] == '.') {
			int end = digits(to + 1);
			if (end == to + 1) {
				out = true;
				return nodes.nullNode();
			}
			to = end;
		}
		if (to < b.length && (b[to] == 'e' || b[to] == 'E')) {
			int from = to + 1;
			if (from < b.length && (b[from] == '+' || b[from] == '-')) {
				from++;
			}
			int end = digits(from);
			if (end == from || end - from > 2) {
				out = true;
				return nodes.nullNode();
			}
			to = end;
		}
		if (!floats || to - i > 24 || (to < b.length && isWordChar(b[to]))) {
			out = true;
			return nodes.nullNode();
		}
		double d = Double.parseDouble(new String(b, i, to - i, StandardCharsets.ISO_8859_1));
		if (Double.isInfinite(d)) {
			out = true;
			return nodes.nullNode();
		}
		i = to;
		return nodes.numberNode(d);
	}
}
