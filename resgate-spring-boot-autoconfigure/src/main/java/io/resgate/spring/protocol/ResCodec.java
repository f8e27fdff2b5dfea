package io.resgate.spring.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON codec of the RES protocol: encodes payloads to bytes and decodes service responses.
 * Immutable and thread-safe; create one and share it.
 */
public final class ResCodec {

	private final JsonMapper mapper;

	/** A codec with a default {@link JsonMapper}. */
	public ResCodec() {
		this(JsonMapper.builder().build());
	}

	/**
	 * A codec using the given mapper.
	 * @param mapper the Jackson mapper
	 */
	public ResCodec(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** @return the Jackson mapper */
	public JsonMapper mapper() {
		return mapper;
	}

	/**
	 * Encodes a value as JSON bytes.
	 * @param value a record, map, {@link JsonNode} or other Jackson-serializable value
	 * @return UTF-8 JSON
	 */
	public byte[] encode(Object value) {
		return mapper.writeValueAsBytes(value);
	}

	/**
	 * Encodes the payload of a service request, members in the order Resgate writes them.
	 * @param request the request
	 * @return UTF-8 JSON
	 */
	public byte[] encodeRequest(ServiceRequest request) {
		JsonBytes out = new JsonBytes(96);
		char sep = '{';
		if (request.params() != null) {
			out.append(sep).ascii("\"params\":").raw(request.params());
			sep = ',';
		}
		if (request.cid() != null) {
			out.append(sep).ascii("\"token\":").raw((request.token() == null) ? RawJson.NULL : request.token());
			sep = ',';
		}
		if (request.query() != null && !request.query().isEmpty()) {
			out.append(sep).ascii("\"query\":").string(request.query());
			sep = ',';
		}
		if (request.cid() != null) {
			out.append(sep).ascii("\"cid\":").string(request.cid());
			sep = ',';
		}
		if (request.isHttp()) {
			out.append(sep).ascii("\"isHttp\":true");
			sep = ',';
		}
		if (request.header() != null && !request.header().isEmpty()) {
			out.append(sep).ascii("\"header\":");
			char hsep = '{';
			for (Map.Entry<String, List<String>> e : request.header().entrySet()) {
				out.append(hsep).string(e.getKey()).append(':');
				char vsep = '[';
				for (String v : e.getValue()) {
					out.append(vsep).string(v);
					vsep = ',';
				}
				if (vsep == '[') {
					out.append('[');
				}
				out.append(']');
				hsep = ',';
			}
			out.append('}');
			sep = ',';
		}
		sep = member(out, sep, "\"host\":", request.host());
		sep = member(out, sep, "\"remoteAddr\":", request.remoteAddr());
		sep = member(out, sep, "\"uri\":", request.uri());
		if (sep == '{') {
			out.append('{');
		}
		return out.append('}').toByteArray();
	}

	private static char member(JsonBytes out, char sep, String name, String value) {
		if (value == null || value.isEmpty()) {
			return sep;
		}
		out.append(sep).ascii(name).string(value);
		return ',';
	}

	/**
	 * Parses JSON bytes into a tree.
	 * @param json the bytes
	 * @return the tree; an empty payload gives a {@code MissingNode}
	 * @throws ResException with {@code system.internalError} if the bytes are not JSON
	 */
	public JsonNode tree(byte[] json) {
		if (json == null || json.length == 0) {
			return MissingNode.getInstance();
		}
		try {
			return mapper.readTree(json);
		}
		catch (JacksonException ex) {
			throw new ResException(ResError.internalError("invalid JSON: " + ex.getOriginalMessage()));
		}
	}

	/**
	 * Converts a tree into a typed value.
	 * @param <T> the target type
	 * @param node the tree
	 * @param type the target type
	 * @return the value
	 */
	public <T> T convert(JsonNode node, Class<T> type) {
		return mapper.treeToValue(node, type);
	}

	/**
	 * Converts any value to a tree.
	 * @param value the value
	 * @return the tree
	 */
	public JsonNode toTree(Object value) {
		return mapper.valueToTree(value);
	}

	/**
	 * Decodes a service response. A payload with an {@code error} member is an error response, even
	 * if it also has a result; an error without code gets the code {@code ""}.
	 * @param payload the response bytes
	 * @return the response
	 * @throws ResException with {@code system.internalError} if the payload is not a valid response
	 */
	public ServiceResponse decodeResponse(byte[] payload) {
		JsonNode n = tree(payload);
		if (!n.isObject()) {
			throw new ResException(ResError.internalError("invalid service response"));
		}
		JsonNode err = n.get("error");
		Meta meta = decodeMeta(n.get("meta"));
		if (err != null && !err.isNull()) {
			return new ServiceResponse(null, null, decodeError(err), meta);
		}
		JsonNode res = n.get("resource");
		if (res != null && !res.isNull()) {
			JsonNode rid = res.get("rid");
			if (rid == null || !rid.isString() || !Rid.isValid(rid.asString())) {
				throw new ResException(ResError.internalError("invalid resource response"));
			}
			return new ServiceResponse(null, new Value.Ref(rid.asString(), false), null, meta);
		}
		JsonNode result = n.get("result");
		if (result == null) {
			if (meta != null) {
				return new ServiceResponse(null, null, null, meta);
			}
			throw new ResException(ResError.internalError("response missing result"));
		}
		return new ServiceResponse(result, null, null, meta);
	}

	/**
	 * Decodes an error object.
	 * @param err the JSON object
	 * @return the error
	 */
	public ResError decodeError(JsonNode err) {
		if (!err.isObject()) {
			return ResError.internalError("invalid error object");
		}
		JsonNode code = err.get("code");
		JsonNode message = err.get("message");
		JsonNode data = err.get("data");
		return new ResError((code != null && code.isString()) ? code.asString() : "",
				(message != null && message.isString()) ? message.asString() : "",
				(data == null || data.isNull()) ? null : data);
	}

	private Meta decodeMeta(JsonNode meta) {
		if (meta == null || !meta.isObject()) {
			return null;
		}
		Integer status = null;
		JsonNode s = meta.get("status");
		if (s != null && s.isIntegralNumber()) {
			status = s.asInt();
		}
		Map<String, List<String>> header = null;
		JsonNode h = meta.get("header");
		if (h != null && h.isObject()) {
			header = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> e : h.properties()) {
				List<String> values = new ArrayList<>();
				if (e.getValue().isArray()) {
					for (JsonNode v : e.getValue()) {
						values.add(v.asString());
					}
				}
				else if (e.getValue().isString()) {
					values.add(e.getValue().asString());
				}
				header.put(e.getKey(), values);
			}
		}
		return (status == null && header == null) ? new Meta(null, null) : new Meta(status, header);
	}

	/**
	 * Creates an empty JSON object node.
	 * @return a new object node
	 */
	public ObjectNode objectNode() {
		return JsonNodeFactory.instance.objectNode();
	}
}
