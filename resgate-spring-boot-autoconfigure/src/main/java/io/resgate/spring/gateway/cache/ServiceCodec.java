package io.resgate.spring.gateway.cache;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Rid;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Decodes what services send to the gateway (responses and event payloads), strictly: anything
 * malformed becomes a {@code system.internalError}, as Resgate does.
 */
public final class ServiceCodec {

	private final ResCodec codec;

	/** Reads one member of a response being parsed as a tree. */
	private final ObjectReader member;

	/** Reads responses whose results are passed on raw: nested as deep as Resgate's decoder allows. */
	private final JsonFactory factory = JsonFactory.builder()
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxNestingDepth(10_000)
			.maxNumberLength(Integer.MAX_VALUE)
			.maxNameLength(Integer.MAX_VALUE)
			.maxStringLength(Integer.MAX_VALUE)
			.build())
		.build();

	/**
	 * Creates the decoder.
	 * @param codec the JSON codec
	 */
	public ServiceCodec(ResCodec codec) {
		this.codec = codec;
		this.member = codec.mapper().reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/** @return the JSON codec */
	public ResCodec codec() {
		return codec;
	}

	/**
	 * A get response's result.
	 * @param type the resource type
	 * @param model the model values (sorted), or {@code null}
	 * @param collection the collection values, or {@code null}
	 * @param query the normalized query, {@code ""} if none
	 */
	public record GetResult(ResourceType type, Map<String, ResValue> model, List<ResValue> collection, String query) {
	}

	/**
	 * A query request's result: events to apply, or a full model or collection.
	 * @param events the events (name and data), or {@code null}
	 * @param model the model, or {@code null}
	 * @param collection the collection, or {@code null}
	 */
	public record QueryResult(List<Map.Entry<String, JsonNode>> events, Map<String, ResValue> model,
			List<ResValue> collection) {
	}

	/**
	 * Parses a payload that must be a JSON object.
	 * @param payload the bytes
	 * @return the object
	 */
	public ObjectNode object(byte[] payload) {
		JsonNode n = codec.tree(payload);
		if (!n.isObject()) {
			throw internal("invalid service response");
		}
		return (ObjectNode) n;
	}

	/**
	 * Decodes a get response.
	 * @param payload the response bytes
	 * @return the result
	 * @throws ResException on an error response or a malformed one
	 */
	public GetResult decodeGet(byte[] payload) {
		ObjectNode n = object(payload);
		throwIfError(n);
		JsonNode result = n.get("result");
		if (result == null || result.isNull()) {
			throw internal("response missing result");
		}
		if (!result.isObject()) {
			throw internal("invalid get result");
		}
		JsonNode q = result.get("query");
		String query = "";
		if (q != null && !q.isNull()) {
			if (!q.isString()) {
				throw internal("invalid query");
			}
			query = q.asString();
		}
		JsonNode model = result.get("model");
		JsonNode collection = result.get("collection");
		boolean hasModel = model != null && !model.isNull();
		boolean hasCollection = collection != null && !collection.isNull();
		if (hasModel && hasCollection) {
			throw internal("invalid service response");
		}
		if (hasModel) {
			return new GetResult(ResourceType.MODEL, decodeModel(model), null, query);
		}
		if (hasCollection) {
			return new GetResult(ResourceType.COLLECTION, null, decodeCollection(collection), query);
		}
		throw internal("invalid service response");
	}

	/**
	 * Decodes model values.
	 * @param model the JSON object
	 * @return the values, sorted by key, unmodifiable
	 */
	public static Map<String, ResValue> decodeModel(JsonNode model) {
		if (!model.isObject()) {
			throw internal("invalid model");
		}
		TreeMap<String, ResValue> m = new TreeMap<>();
		for (Map.Entry<String, JsonNode> e : model.properties()) {
			m.put(e.getKey(), ResValue.parseProper(e.getValue()));
		}
		return Collections.unmodifiableMap(m);
	}

	/**
	 * Decodes collection values.
	 * @param collection the JSON array
	 * @return the values, unmodifiable
	 */
	public static List<ResValue> decodeCollection(JsonNode collection) {
		if (!collection.isArray()) {
			throw internal("invalid collection");
		}
		List<ResValue> l = new ArrayList<>(collection.size());
		for (JsonNode v : collection) {
			l.add(ResValue.parseProper(v));
		}
		return Collections.unmodifiableList(l);
	}

	/** The members of a service response, read in one pass: the result kept raw, the others as trees. */
	private static final class Members {
		RawJson result;

		JsonNode resource;

		JsonNode error;

		JsonNode meta;
	}

	/**
	 * Reads the top-level members of a response without building a tree of its result.
	 * @throws ResException with {@code system.internalError} if the payload is not a JSON object
	 */
	private Members members(byte[] payload) {
		try (JsonParser p = factory.createParser(ObjectReadContext.empty(), payload)) {
			JsonToken first = p.nextToken();
			if (first == null) {
				throw internal("invalid service response");
			}
			if (first != JsonToken.START_OBJECT) {
				p.skipChildren();
				if (p.nextToken() != null) {
					throw internal("invalid JSON: trailing content");
				}
				throw internal("invalid service response");
			}
			Members m = new Members();
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				p.nextToken();
				switch (name) {
					case "result" -> m.result = span(p, payload);
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
	 * Decodes an access response.
	 * @param payload the response bytes
	 * @return the access result; errors are returned inside it, not thrown
	 */
	public AccessResult decodeAccess(byte[] payload) {
		Members n;
		Meta meta;
		try {
			n = members(payload);
			meta = decodeMeta(n.meta);
		}
		catch (ResException ex) {
			return AccessResult.failed(ex.getError());
		}
		try {
			if (present(n.error)) {
				return new AccessResult(false, null, decodeError(n.error), meta);
			}
			if (n.result == null || n.result.isNull()) {
				return new AccessResult(false, null, internal("response missing result").getError(), meta);
			}
			return decodeAccessResult(n.result.bytes(), meta);
		}
		catch (ResException ex) {
			return new AccessResult(false, null, ex.getError(), meta);
		}
	}

	private AccessResult decodeAccessResult(byte[] result, Meta meta) {
		try (JsonParser p = factory.createParser(ObjectReadContext.empty(), result)) {
			if (p.nextToken() != JsonToken.START_OBJECT) {
				throw internal("invalid access result");
			}
			boolean get = false;
			String call = null;
			while (p.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = p.currentName();
				JsonToken t = p.nextToken();
				switch (name) {
					case "get" -> {
						if (t != JsonToken.VALUE_NULL && !t.isBoolean()) {
							throw internal("invalid get flag");
						}
						get = t == JsonToken.VALUE_TRUE;
					}
					case "call" -> {
						if (t != JsonToken.VALUE_NULL && t != JsonToken.VALUE_STRING) {
							throw internal("invalid call list");
						}
						call = (t == JsonToken.VALUE_STRING) ? p.getString() : null;
					}
					default -> p.skipChildren();
				}
			}
			return new AccessResult(get, call, null, meta);
		}
	}

	/**
	 * Decodes a call or auth response; the result is kept as the service sent it.
	 * @param payload the response bytes
	 * @return the result; errors are returned inside it, not thrown
	 */
	public CallResult decodeCall(byte[] payload) {
		Members n;
		Meta meta;
		try {
			n = members(payload);
			meta = decodeMeta(n.meta);
		}
		catch (ResException ex) {
			return CallResult.failed(ex.getError());
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
				return new CallResult(null, null, decodeError(n.error), meta);
			}
			if (rid != null) {
				if (!Rid.isValid(rid)) {
					throw internal("invalid service response");
				}
				return new CallResult(null, rid, null, meta);
			}
			if (n.result == null) {
				throw internal("response missing result");
			}
			return new CallResult(n.result, null, null, meta);
		}
		catch (ResException ex) {
			return new CallResult(null, null, ex.getError(), meta);
		}
	}

	/**
	 * Decodes a query request's response.
	 * @param payload the response bytes
	 * @return the result
	 * @throws ResException on an error response or a malformed one
	 */
	public QueryResult decodeQueryResponse(byte[] payload) {
		ObjectNode n = object(payload);
		throwIfError(n);
		JsonNode result = n.get("result");
		if (result == null || result.isNull()) {
			throw internal("response missing result");
		}
		if (!result.isObject()) {
			throw internal("invalid query result");
		}
		JsonNode events = result.get("events");
		JsonNode model = result.get("model");
		JsonNode collection = result.get("collection");
		boolean hasEvents = events != null && !events.isNull();
		boolean hasModel = model != null && !model.isNull();
		boolean hasCollection = collection != null && !collection.isNull();
		if (hasEvents) {
			if (hasModel || hasCollection || !events.isArray()) {
				throw internal("invalid service response");
			}
			List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
			for (JsonNode ev : events) {
				if (!ev.isObject()) {
					throw internal("invalid query event");
				}
				JsonNode name = ev.get("event");
				if (name != null && !name.isNull() && !name.isString()) {
					throw internal("invalid query event");
				}
				JsonNode data = ev.get("data");
				list.add(Map.entry((name == null || name.isNull()) ? "" : name.asString(),
						(data == null) ? codec.mapper().nullNode() : data));
			}
			return new QueryResult(list, null, null);
		}
		if (hasModel) {
			if (hasCollection) {
				throw internal("invalid service response");
			}
			return new QueryResult(null, decodeModel(model), null);
		}
		if (hasCollection) {
			return new QueryResult(null, null, decodeCollection(collection));
		}
		return new QueryResult(null, null, null);
	}

	private void throwIfError(ObjectNode n) {
		ResError err = decodeErrorField(n);
		if (err != null) {
			throw new ResException(err);
		}
	}

	private ResError decodeErrorField(ObjectNode n) {
		JsonNode err = n.get("error");
		if (err == null || err.isNull()) {
			return null;
		}
		return decodeError(err);
	}

	/**
	 * Decodes an error object strictly: the code and message must be strings if present.
	 * @param err the JSON
	 * @return the error
	 * @throws ResException with {@code system.internalError} if malformed
	 */
	public static ResError decodeError(JsonNode err) {
		if (!err.isObject()) {
			throw internal("invalid error object");
		}
		JsonNode code = err.get("code");
		JsonNode message = err.get("message");
		JsonNode data = err.get("data");
		if (code != null && !code.isNull() && !code.isString()) {
			throw internal("invalid error code");
		}
		if (message != null && !message.isNull() && !message.isString()) {
			throw internal("invalid error message");
		}
		return new ResError((code == null || code.isNull()) ? "" : code.asString(),
				(message == null || message.isNull()) ? "" : message.asString(),
				(data == null || data.isNull()) ? null : data);
	}

	/**
	 * Decodes a meta object, canonicalizing header keys.
	 * @param meta the JSON, or {@code null}
	 * @return the meta, or {@code null}
	 */
	public static Meta decodeMeta(JsonNode meta) {
		if (meta == null || meta.isNull()) {
			return null;
		}
		if (!meta.isObject()) {
			throw internal("invalid meta");
		}
		Integer status = null;
		JsonNode s = meta.get("status");
		if (s != null && !s.isNull()) {
			if (!s.isIntegralNumber()) {
				throw internal("invalid meta status");
			}
			status = s.asInt();
		}
		Map<String, List<String>> header = null;
		JsonNode h = meta.get("header");
		if (h != null && !h.isNull()) {
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
				header.computeIfAbsent(canonicalHeaderKey(e.getKey()), k -> new ArrayList<>()).addAll(values);
			}
		}
		return new Meta(status, header);
	}

	/**
	 * Canonicalizes an HTTP header key: the first letter and any letter after a hyphen upper case,
	 * the rest lower case.
	 * @param key the key
	 * @return the canonical key
	 */
	public static String canonicalHeaderKey(String key) {
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c == ' ' || c > 127) {
				return key;
			}
		}
		StringBuilder sb = new StringBuilder(key.length());
		boolean upper = true;
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			sb.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
			upper = c == '-';
		}
		return sb.toString();
	}

	static ResException internal(String message) {
		return new ResException(ResError.internalError(message));
	}
}
