package io.resgate.spring.protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

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

	private final ServiceDecoder decoder;

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
		this.decoder = new ServiceDecoder(mapper);
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
			writeHeader(out, request.header());
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
	 * Encodes a service response as go-res writes it: {@code result}, {@code resource} or
	 * {@code error}, then {@code meta} if any.
	 * @param response the response
	 * @return UTF-8 JSON
	 */
	public byte[] encodeResponse(ServiceResponse response) {
		JsonBytes out = new JsonBytes(128);
		ResError error = response.error();
		if (error != null) {
			if (error.data() != null && error.data().isNull()) {
				error = new ResError(error.code(), error.message());
			}
			out.ascii("{\"error\":").raw(encode(error));
		}
		else if (response.resource() != null) {
			out.ascii("{\"resource\":{\"rid\":").string(response.resource().rid()).append('}');
		}
		else {
			out.ascii("{\"result\":").raw((response.result() == null) ? RawJson.NULL.bytes() : encode(response.result()));
		}
		Meta meta = response.meta();
		if (meta != null && (meta.status() != null || (meta.header() != null && !meta.header().isEmpty()))) {
			out.ascii(",\"meta\":");
			char sep = '{';
			if (meta.status() != null) {
				out.append(sep).ascii("\"status\":").number(meta.status());
				sep = ',';
			}
			if (meta.header() != null && !meta.header().isEmpty()) {
				out.append(sep).ascii("\"header\":");
				writeHeader(out, meta.header());
			}
			out.append('}');
		}
		return out.append('}').toByteArray();
	}

	private static void writeHeader(JsonBytes out, Map<String, List<String>> header) {
		char hsep = '{';
		for (Map.Entry<String, List<String>> e : header.entrySet()) {
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
	}

	/**
	 * Decodes an access response; errors, the service's or of a malformed response, are in the result.
	 * @param payload the response bytes
	 * @return the response
	 */
	public AccessResponse decodeAccessResponse(byte[] payload) {
		return decoder.accessResponse(payload);
	}

	/**
	 * Decodes a call or auth response; errors, the service's or of a malformed response, are in the
	 * result. The result is kept as the service sent it. An error wins over a resource, which wins over
	 * a result; an error without code gets the code {@code ""}.
	 * @param payload the response bytes
	 * @return the response
	 */
	public CallResponse decodeCallResponse(byte[] payload) {
		return decoder.callResponse(payload);
	}

	/**
	 * Decodes a get response.
	 * @param payload the response bytes
	 * @return the model or collection
	 * @throws ResException with the service's error, or {@code system.internalError} if malformed
	 */
	public GetResponse decodeGetResponse(byte[] payload) {
		return decoder.getResponse(payload);
	}

	/**
	 * Decodes a get response and reads the values of its model or collection with the given function,
	 * in the order they have in the response. The result and the errors are those of
	 * {@link #decodeGetResponse} followed by reading each value; a model that is not an object is the
	 * {@code system.internalError} "invalid model", a collection that is not an array "invalid
	 * collection". A response of the usual shape is read without building a tree of it.
	 * @param <V> the type of the values
	 * @param payload the response bytes
	 * @param values reads one value; throws {@link ResException} if it is invalid
	 * @return the values (a model's sorted by key) and the query
	 * @throws ResException with the service's error, or {@code system.internalError} if malformed
	 */
	public <V> GetValues<V> decodeGetValues(byte[] payload, Function<JsonNode, V> values) {
		return decoder.getValues(payload, values);
	}

	/**
	 * Decodes the response to a query request.
	 * @param payload the response bytes
	 * @return the events, model or collection
	 * @throws ResException with the service's error, or {@code system.internalError} if malformed
	 */
	public QueryResponse decodeQueryResponse(byte[] payload) {
		return decoder.queryResponse(payload);
	}

	/**
	 * Decodes a {@code system.reset} event; an empty payload resets nothing.
	 * @param payload the event payload
	 * @return the event
	 * @throws ResException with {@code system.internalError} if malformed
	 */
	public SystemReset decodeSystemReset(byte[] payload) {
		return decoder.systemReset(payload);
	}

	/**
	 * Decodes a {@code system.tokenReset} event.
	 * @param payload the event payload
	 * @return the event
	 * @throws ResException with {@code system.internalError} if malformed
	 */
	public TokenReset decodeTokenReset(byte[] payload) {
		return decoder.tokenReset(payload);
	}

	/**
	 * Decodes a connection token event ({@code conn.<cid>.token}).
	 * @param payload the event payload
	 * @return the event; an empty or {@code null} payload clears the token
	 * @throws ResException with {@code system.internalError} if malformed
	 */
	public TokenEvent decodeTokenEvent(byte[] payload) {
		return decoder.tokenEvent(payload, this);
	}

	/**
	 * Decodes a query event ({@code event.<name>.query}).
	 * @param payload the event payload
	 * @return the subject to send the query requests to, {@code ""} if missing
	 * @throws ResException with {@code system.internalError} if malformed
	 */
	public String decodeQueryEvent(byte[] payload) {
		return decoder.queryEvent(payload);
	}

	/**
	 * Creates an empty JSON object node.
	 * @return a new object node
	 */
	public ObjectNode objectNode() {
		return JsonNodeFactory.instance.objectNode();
	}
}
