package io.resgate.spring.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads what services send to a gateway (responses and system events), strictly, as Resgate does:
 * anything malformed is a {@code system.internalError}. Results that are passed on are kept as raw
 * JSON (read with a streaming parser, nested up to 10,000 levels like Resgate's decoder); the gateway
 * reads the others as trees. Used through {@link ResCodec}.
 */
final class ServiceDecoder {

	/** Reads responses whose results are passed on raw: nested as deep as Go's JSON decoder allows. */
	private static final StreamReadConstraints RAW = StreamReadConstraints.builder()
		.maxNestingDepth(10_000)
		.maxNumberLength(Integer.MAX_VALUE)
		.maxNameLength(Integer.MAX_VALUE)
		.maxStringLength(Integer.MAX_VALUE)
		.build();

	private final JsonMapper mapper;

	private final JsonFactory factory = JsonFactory.builder().streamReadConstraints(RAW).build();

	/** Reads one member of a response being parsed. */
	private final ObjectReader member;

	/** Makes the nodes of values read straight from a get response, as the mapper's trees would. */
	private final JsonNodeFactory nodes;

	/** Whether the mapper makes other nodes of integers than the number's own size would. */
	private final boolean intCoercions;

	/** Whether the mapper's object nodes keep null members (else get responses are read as trees only). */
	private final boolean nullMembers;

	/** Whether the mapper reads numbers with a fraction or exponent as doubles. */
	private final boolean plainFloats;

	/** The mapper's deserializer of trees, found on first use (the same each time). */
	private volatile ValueDeserializer<Object> treeDeserializer;

	/**
	 * The longest string a plainly written get response may hold to be read without the mapper's
	 * parser, or -1 if the mapper's settings rule that out.
	 */
	private final int plainStrings;

	ServiceDecoder(JsonMapper mapper) {
		this.mapper = mapper;
		this.member = mapper.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.nodes = mapper.deserializationConfig().getNodeFactory();
		this.intCoercions = mapper.deserializationConfig().isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				|| mapper.deserializationConfig().isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
		this.nullMembers = mapper.deserializationConfig().isEnabled(JsonNodeFeature.READ_NULL_PROPERTIES);
		StreamReadConstraints c = mapper.tokenStreamFactory().streamReadConstraints();
		boolean plain = nullMembers && !intCoercions && c.getMaxNestingDepth() >= 3 + PlainJsonReader.MAX_DEPTH && c.getMaxDocumentLength() < 0
				&& c.getMaxTokenCount() < 0 && c.getMaxNumberLength() >= 9;
		this.plainStrings = plain ? Math.min(c.getMaxStringLength(), c.getMaxNameLength()) : -1;
		Boolean bigDecimals = mapper.deserializationConfig().getDatatypeFeatures()
			.getExplicitState(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS);
		this.plainFloats = (bigDecimals != null) ? !bigDecimals
				: !mapper.deserializationConfig().isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
	}

	static ResException internal(String message) {
		return new ResException(ResError.internalError(message));
	}

	// --- Responses ---------------------------------------------------------------------------

	/**
	 * The members of a response, read in one pass: the result kept raw (or, of an access response,
	 * read as the access result on the way), the others as trees.
	 */
	private static final class Members {
		RawJson result;

		/** The last access result, or {@code null} if there was none. */
		AccessResult access;

		JsonNode resource;

		JsonNode error;

		JsonNode meta;
	}

	/**
	 * The result of an access response as read in the pass over the response.
	 * @param get the get flag
	 * @param call the call list, or {@code null}
	 * @param problem why the result is invalid (then the flags are meaningless), or {@code null}
	 */
	private record AccessResult(boolean get, String call, String problem) {
	}

	private static final AccessResult NULL_ACCESS_RESULT = new AccessResult(false, null, "response missing result");

	private Members members(byte[] payload, boolean access) {
		try (JsonParser p = factory.createParser(ObjectReadContext.empty(), payload)) {
			JsonToken first = p.nextToken();
			if (first != JsonToken.START_OBJECT) {
				if (first != null) {
					p.skipChildren();
					if (p.nextToken() != null) {
						throw internal("invalid JSON: trailing content");
					}
				}
				throw internal("invalid service response");
			}
			Members m = new Members();
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				p.nextToken();
				switch (name) {
					case "result" -> {
						if (access) {
							m.access = accessResult(p);
						}
						else {
							m.result = span(p, payload);
						}
					}
					case "resource" -> m.resource = member.readTree(p);
					case "error" -> m.error = member.readTree(p);
					case "meta" -> m.meta = member.readTree(p);
					default -> p.skipChildren();
				}
			}
			if (p.nextToken() != null) {
				throw internal("invalid JSON: trailing content");
			}
			return m;
		}
		catch (JacksonException ex) {
			throw internal("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	private static RawJson span(JsonParser p, byte[] payload) {
		int from = (int) p.currentTokenLocation().getByteOffset();
		p.skipChildren();
		p.finishToken();
		int to = (int) p.currentLocation().getByteOffset();
		return RawJson.copyOf(payload, from, to);
	}

	private static boolean present(JsonNode n) {
		return n != null && !n.isNull();
	}

	/**
	 * Reads an access response: a plainly written one without a parser ({@link PlainJsonReader}),
	 * others in one pass with the parser.
	 */
	AccessResponse accessResponse(byte[] payload) {
		if (payload != null) {
			AccessResponse plain;
			try {
				plain = new PlainJsonReader(payload, JsonNodeFactory.instance, Integer.MAX_VALUE, false).accessResponse();
			}
			catch (RuntimeException ex) {
				plain = null;
			}
			if (plain != null) {
				return plain;
			}
		}
		return parsedAccessResponse(payload);
	}

	/** Reads an access response in one pass with the parser. */
	AccessResponse parsedAccessResponse(byte[] payload) {
		Members n;
		Meta meta;
		try {
			n = members(payload, true);
			meta = meta(n.meta);
		}
		catch (ResException ex) {
			return AccessResponse.failed(ex.getError());
		}
		try {
			if (present(n.error)) {
				return new AccessResponse(false, null, error(n.error), meta);
			}
			AccessResult r = (n.access == null) ? NULL_ACCESS_RESULT : n.access;
			if (r.problem() != null) {
				return new AccessResponse(false, null, internal(r.problem()).getError(), meta);
			}
			return new AccessResponse(r.get(), r.call(), null, meta);
		}
		catch (ResException ex) {
			return new AccessResponse(false, null, ex.getError(), meta);
		}
	}

	/**
	 * Reads the result of an access response where the parser is, to its end: the flags, or the
	 * first problem found (the rest is skipped).
	 */
	private static AccessResult accessResult(JsonParser p) {
		JsonToken start = p.currentToken();
		if (start == JsonToken.VALUE_NULL) {
			return NULL_ACCESS_RESULT;
		}
		if (start != JsonToken.START_OBJECT) {
			p.skipChildren();
			return new AccessResult(false, null, "invalid access result");
		}
		boolean get = false;
		String call = null;
		String problem = null;
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = p.currentName();
			JsonToken t = p.nextToken();
			if (problem == null) {
				if (name.equals("get")) {
					if (t != JsonToken.VALUE_NULL && !t.isBoolean()) {
						problem = "invalid get flag";
					}
					get = t == JsonToken.VALUE_TRUE;
				}
				else if (name.equals("call")) {
					if (t != JsonToken.VALUE_NULL && t != JsonToken.VALUE_STRING) {
						problem = "invalid call list";
					}
					call = (t == JsonToken.VALUE_STRING) ? p.getString() : null;
				}
			}
			p.skipChildren();
		}
		return new AccessResult(get, call, problem);
	}

	CallResponse callResponse(byte[] payload) {
		Members n;
		Meta meta;
		try {
			n = members(payload, false);
			meta = meta(n.meta);
		}
		catch (ResException ex) {
			return CallResponse.failed(ex.getError());
		}
		try {
			String rid = null;
			if (present(n.resource)) {
				if (!n.resource.isObject()) {
					throw internal("invalid resource response");
				}
				JsonNode r = n.resource.get("rid");
				if (r != null && !r.isNull() && !r.isString()) {
					throw internal("invalid resource response");
				}
				rid = (r == null || r.isNull()) ? "" : r.asString();
			}
			if (present(n.error)) {
				return new CallResponse(null, null, error(n.error), meta);
			}
			if (rid != null) {
				if (!Rid.isValid(rid)) {
					throw internal("invalid service response");
				}
				return new CallResponse(null, rid, null, meta);
			}
			if (n.result == null) {
				throw internal("response missing result");
			}
			return new CallResponse(n.result, null, null, meta);
		}
		catch (ResException ex) {
			return new CallResponse(null, null, ex.getError(), meta);
		}
	}

	ObjectNode object(byte[] payload) {
		if (payload == null || payload.length == 0) {
			throw internal("invalid service response");
		}
		JsonNode n;
		try {
			n = mapper.readTree(payload);
		}
		catch (JacksonException ex) {
			throw internal("invalid JSON: " + ex.getOriginalMessage());
		}
		if (n == null || !n.isObject()) {
			throw internal("invalid service response");
		}
		return (ObjectNode) n;
	}

	/** @return the result object of a response that must have one; an error response is thrown */
	private JsonNode result(byte[] payload, String what) {
		ObjectNode n = object(payload);
		JsonNode err = n.get("error");
		if (present(err)) {
			throw new ResException(error(err));
		}
		JsonNode result = n.get("result");
		if (!present(result)) {
			throw internal("response missing result");
		}
		if (!result.isObject()) {
			throw internal("invalid " + what + " result");
		}
		return result;
	}

	GetResponse getResponse(byte[] payload) {
		JsonNode result = result(payload, "get");
		JsonNode q = result.get("query");
		String query = "";
		if (present(q)) {
			if (!q.isString()) {
				throw internal("invalid query");
			}
			query = q.asString();
		}
		JsonNode model = result.get("model");
		JsonNode collection = result.get("collection");
		boolean hasModel = present(model);
		boolean hasCollection = present(collection);
		if (hasModel == hasCollection) {
			throw internal("invalid service response");
		}
		return hasModel ? new GetResponse(model, null, query) : new GetResponse(null, collection, query);
	}

	/**
	 * Reads a get response into values. A plainly written response is read without a parser
	 * ({@link PlainJsonReader}); a response of the usual shape (only {@code result}, and
	 * {@code error} if {@code null}; a result of only {@code model} or {@code collection} and
	 * {@code query}, each once, with valid values) is read in one streaming pass, each value's node
	 * made as the mapper's tree would make it. Anything else (errors, duplicate keys, other members,
	 * invalid values) is read again the thorough way, as a tree, which gives the result or the first
	 * error as it always did.
	 */
	<V> GetValues<V> getValues(byte[] payload, Function<JsonNode, V> values) {
		if (payload != null && payload.length > 0) {
			try {
				GetValues<V> read = (plainStrings < 0) ? null
						: new PlainJsonReader(payload, nodes, plainStrings, plainFloats).getValues(values);
				if (read != null) {
					return read;
				}
				read = readGetValues(payload, values);
				if (read != null) {
					return read;
				}
			}
			catch (RuntimeException ex) {
				// read again below: the same error, or an earlier one, in the order the tree gives
			}
		}
		GetResponse r = getResponse(payload);
		if (r.model() != null) {
			if (!r.model().isObject()) {
				throw internal("invalid model");
			}
			TreeMap<String, V> m = new TreeMap<>();
			for (Map.Entry<String, JsonNode> e : r.model().properties()) {
				m.put(e.getKey(), values.apply(e.getValue()));
			}
			return new GetValues<>(Collections.unmodifiableMap(m), null, r.query());
		}
		if (!r.collection().isArray()) {
			throw internal("invalid collection");
		}
		List<V> l = new ArrayList<>(r.collection().size());
		for (JsonNode v : r.collection()) {
			l.add(values.apply(v));
		}
		return new GetValues<>(null, Collections.unmodifiableList(l), r.query());
	}

	/** @return the values of a get response of the usual shape, or {@code null} if it is of another */
	<V> GetValues<V> readGetValues(byte[] payload, Function<JsonNode, V> values) {
		if (!nullMembers) {
			return null;
		}
		try (JsonParser p = mapper.createParser(payload)) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				return null;
			}
			GetValues<V> result = null;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				JsonToken t = p.nextToken();
				if (name.equals("result") && result == null && t == JsonToken.START_OBJECT) {
					result = readGetResult(p, values);
					if (result == null) {
						return null;
					}
				}
				else if (!name.equals("error") || t != JsonToken.VALUE_NULL) {
					return null;
				}
			}
			return (p.nextToken() == null) ? result : null;
		}
	}

	private <V> GetValues<V> readGetResult(JsonParser p, Function<JsonNode, V> values) {
		Map<String, V> model = null;
		List<V> collection = null;
		String query = null;
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = p.currentName();
			JsonToken t = p.nextToken();
			if (name.equals("model") && model == null && t == JsonToken.START_OBJECT) {
				model = readModel(p, values);
				if (model == null) {
					return null;
				}
			}
			else if (name.equals("collection") && collection == null && t == JsonToken.START_ARRAY) {
				collection = readCollection(p, values);
				if (collection == null) {
					return null;
				}
			}
			else if (name.equals("query") && query == null && t == JsonToken.VALUE_STRING) {
				query = p.getString();
			}
			else {
				return null;
			}
		}
		if ((model == null) == (collection == null)) {
			return null;
		}
		return new GetValues<>(model, collection, (query == null) ? "" : query);
	}

	private <V> Map<String, V> readModel(JsonParser p, Function<JsonNode, V> values) {
		TreeMap<String, V> m = new TreeMap<>();
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = p.currentName();
			p.nextToken();
			JsonNode node = topValueNode(p);
			if (node == null || m.put(key, values.apply(node)) != null) {
				return null;
			}
		}
		return Collections.unmodifiableMap(m);
	}

	private <V> List<V> readCollection(JsonParser p, Function<JsonNode, V> values) {
		List<V> l = new ArrayList<>();
		while (p.nextToken() != JsonToken.END_ARRAY) {
			JsonNode node = topValueNode(p);
			if (node == null) {
				return null;
			}
			l.add(values.apply(node));
		}
		return Collections.unmodifiableList(l);
	}

	/**
	 * Reads the value where the parser is (an object, array or float) as the mapper reads trees, as
	 * {@code p.readValueAsTree()} would, without looking its deserializer up again each time.
	 */
	private JsonNode tree(JsonParser p) {
		DeserializationContext ctxt = (DeserializationContext) p.objectReadContext();
		ValueDeserializer<Object> d = treeDeserializer;
		if (d == null) {
			d = ctxt.findRootValueDeserializer(ctxt.constructType(JsonNode.class));
			treeDeserializer = d;
		}
		return (JsonNode) d.deserialize(p, ctxt);
	}

	/** How deep objects and arrays in values are made here; deeper ones are read by the mapper. */
	private static final int OWN_DEPTH = 8;

	/**
	 * The node of a value of a model or collection where the parser is: objects and arrays (the
	 * objects of references and data values, and what data values hold) made here as the mapper's
	 * tree deserializer makes them, down to {@link #OWN_DEPTH}, with its scalars as
	 * {@link #valueNode(JsonParser)}.
	 * @return the node, or {@code null} if it is to be read as a tree (a key repeats)
	 */
	private JsonNode topValueNode(JsonParser p) {
		return containerNode(p, OWN_DEPTH);
	}

	private JsonNode containerNode(JsonParser p, int depth) {
		JsonToken t = p.currentToken();
		if (depth == 0 || (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY)) {
			return valueNode(p);
		}
		if (t == JsonToken.START_ARRAY) {
			ArrayNode a = nodes.arrayNode();
			while (p.nextToken() != JsonToken.END_ARRAY) {
				JsonNode v = containerNode(p, depth - 1);
				if (v == null) {
					return null;
				}
				a.add(v);
			}
			return a;
		}
		ObjectNode o = nodes.objectNode();
		while (p.nextToken() == JsonToken.PROPERTY_NAME) {
			String key = p.currentName();
			p.nextToken();
			JsonNode v = containerNode(p, depth - 1);
			if (v == null || o.replace(key, v) != null) {
				return null;
			}
		}
		return o;
	}

	/**
	 * The node of the value where the parser is, made as the mapper's tree deserializer makes it:
	 * strings, booleans, null and integers here, the rest by the mapper itself.
	 * @return the node, or {@code null} for a token the mapper would not make a plain node of
	 */
	private JsonNode valueNode(JsonParser p) {
		JsonToken t = p.currentToken();
		if (t == null) {
			return null;
		}
		return switch (t) {
			case VALUE_STRING -> nodes.stringNode(p.getString());
			case VALUE_TRUE -> nodes.booleanNode(true);
			case VALUE_FALSE -> nodes.booleanNode(false);
			case VALUE_NULL -> nodes.nullNode();
			case VALUE_NUMBER_INT -> intCoercions ? tree(p) : switch (p.getNumberType()) {
				case INT -> nodes.numberNode(p.getIntValue());
				case LONG -> nodes.numberNode(p.getLongValue());
				default -> nodes.numberNode(p.getBigIntegerValue());
			};
			case START_OBJECT, START_ARRAY, VALUE_NUMBER_FLOAT -> tree(p);
			default -> null;
		};
	}

	QueryResponse queryResponse(byte[] payload) {
		JsonNode result = result(payload, "query");
		JsonNode events = result.get("events");
		JsonNode model = result.get("model");
		JsonNode collection = result.get("collection");
		boolean hasModel = present(model);
		boolean hasCollection = present(collection);
		if (present(events)) {
			if (hasModel || hasCollection || !events.isArray()) {
				throw internal("invalid service response");
			}
			List<QueryResponse.Event> list = new ArrayList<>();
			for (JsonNode ev : events) {
				if (!ev.isObject()) {
					throw internal("invalid query event");
				}
				JsonNode name = ev.get("event");
				if (present(name) && !name.isString()) {
					throw internal("invalid query event");
				}
				JsonNode data = ev.get("data");
				list.add(new QueryResponse.Event(present(name) ? name.asString() : "", present(data) ? data : null));
			}
			return new QueryResponse(list, null, null);
		}
		if (hasModel && hasCollection) {
			throw internal("invalid service response");
		}
		return new QueryResponse(null, hasModel ? model : null, hasCollection ? collection : null);
	}

	/**
	 * Reads an error object strictly: the code and message must be strings if present.
	 * @param err the JSON
	 * @return the error; a missing code is {@code ""}
	 */
	static ResError error(JsonNode err) {
		if (!err.isObject()) {
			throw internal("invalid error object");
		}
		JsonNode code = err.get("code");
		JsonNode message = err.get("message");
		JsonNode data = err.get("data");
		if (present(code) && !code.isString()) {
			throw internal("invalid error code");
		}
		if (present(message) && !message.isString()) {
			throw internal("invalid error message");
		}
		return new ResError(present(code) ? code.asString() : "", present(message) ? message.asString() : "",
				present(data) ? data : null);
	}

	/**
	 * Reads a meta object, header keys in canonical form.
	 * @param meta the JSON, or {@code null}
	 * @return the meta, or {@code null}
	 */
	static Meta meta(JsonNode meta) {
		if (!present(meta)) {
			return null;
		}
		if (!meta.isObject()) {
			throw internal("invalid meta");
		}
		Integer status = null;
		JsonNode s = meta.get("status");
		if (present(s)) {
			if (!s.isIntegralNumber()) {
				throw internal("invalid meta status");
			}
			status = s.asInt();
		}
		Map<String, List<String>> header = null;
		JsonNode h = meta.get("header");
		if (present(h)) {
			if (!h.isObject()) {
				throw internal("invalid meta header");
			}
			header = new TreeMap<>();
			for (Map.Entry<String, JsonNode> e : h.properties()) {
				List<String> values = new ArrayList<>();
				if (e.getValue().isArray()) {
					for (JsonNode v : e.getValue()) {
						values.add(v.asString());
					}
				}
				else if (!e.getValue().isNull()) {
					throw internal("invalid meta header");
				}
				header.computeIfAbsent(Meta.canonicalKey(e.getKey()), k -> new ArrayList<>()).addAll(values);
			}
		}
		return new Meta(status, header);
	}

	// --- Events ------------------------------------------------------------------------------

	private ObjectNode eventObject(byte[] payload) {
		return (payload == null || payload.length == 0) ? JsonNodeFactory.instance.objectNode() : object(payload);
	}

	SystemReset systemReset(byte[] payload) {
		ObjectNode n = eventObject(payload);
		return new SystemReset(patterns(n.get("resources")), patterns(n.get("access")));
	}

	private static List<ResourcePattern> patterns(JsonNode arr) {
		List<ResourcePattern> list = new ArrayList<>();
		if (!present(arr)) {
			return list;
		}
		if (!arr.isArray()) {
			throw internal("patterns must be an array");
		}
		for (JsonNode p : arr) {
			if (!p.isString()) {
				throw internal("pattern must be a string");
			}
			if (ResourcePattern.isValid(p.asString())) {
				list.add(ResourcePattern.of(p.asString()));
			}
		}
		return list;
	}

	TokenReset tokenReset(byte[] payload) {
		ObjectNode n = eventObject(payload);
		String subject = string(n.get("subject"), "subject must be a string");
		Set<String> tids = new HashSet<>();
		JsonNode arr = n.get("tids");
		if (present(arr)) {
			if (!arr.isArray()) {
				throw internal("tids must be an array");
			}
			for (JsonNode t : arr) {
				if (!t.isString()) {
					throw internal("tid must be a string");
				}
				tids.add(t.asString());
			}
		}
		return new TokenReset(tids, subject);
	}

	TokenEvent tokenEvent(byte[] payload, ResCodec codec) {
		if (payload == null || payload.length == 0) {
			return new TokenEvent(null, null);
		}
		JsonNode n;
		try {
			n = mapper.readTree(payload);
		}
		catch (JacksonException ex) {
			throw internal("invalid JSON: " + ex.getOriginalMessage());
		}
		if (n == null || n.isNull() || n.isMissingNode()) {
			return new TokenEvent(null, null);
		}
		if (!n.isObject()) {
			throw internal("token event must be an object");
		}
		JsonNode tok = n.get("token");
		RawJson token = null;
		if (tok != null) {
			token = tok.isNull() ? RawJson.NULL : RawJson.of(codec.encode(tok));
		}
		JsonNode tid = n.get("tid");
		if (present(tid) && !tid.isString()) {
			throw internal("tid must be a string");
		}
		return new TokenEvent(token, present(tid) ? tid.asString() : null);
	}

	String queryEvent(byte[] payload) {
		return string(object(payload).get("subject"), "invalid subject");
	}

	private static String string(JsonNode n, String problem) {
		if (!present(n)) {
			return "";
		}
		if (!n.isString()) {
			throw internal(problem);
		}
		return n.asString();
	}
}
