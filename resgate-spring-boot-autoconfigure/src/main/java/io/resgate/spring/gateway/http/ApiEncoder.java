package io.resgate.spring.gateway.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

import io.resgate.spring.gateway.cache.ResValue;
import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.session.ResourceSet;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes HTTP API responses in one of Resgate's API encodings.
 *
 * <ul>
 * <li>{@code json}: a referenced resource is an object with its {@code href} and its
 * {@code model}, {@code collection} or {@code error}; a reference back to a resource being
 * encoded (a cycle) has only the {@code href}.</li>
 * <li>{@code jsonflat}: a referenced resource is written in place, as its model, collection or
 * error; a cycle is an object with only the {@code href}.</li>
 * </ul>
 * In both, a soft reference is {@code {"href":…}} and a data value is its content.
 */
final class ApiEncoder {

	/** The content type of every response. */
	static final String CONTENT_TYPE = "application/json; charset=utf-8";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final boolean flat;

	private final ApiPath path;

	private final ResCodec codec;

	private ApiEncoder(boolean flat, ApiPath path, ResCodec codec) {
		this.flat = flat;
		this.path = path;
		this.codec = codec;
	}

	/**
	 * An encoder by its configured name.
	 * @param name {@code json} or {@code jsonflat}, in any case
	 * @param path the API path, for references
	 * @param codec the JSON codec
	 * @return the encoder
	 * @throws IllegalArgumentException for an unknown name
	 */
	static ApiEncoder of(String name, ApiPath path, ResCodec codec) {
		String n = (name == null) ? "json" : name.toLowerCase(Locale.ROOT);
		return switch (n) {
			case "json" -> new ApiEncoder(false, path, codec);
			case "jsonflat" -> new ApiEncoder(true, path, codec);
			default -> throw new IllegalArgumentException(
					"Invalid resgate.api-encoding '" + name + "'; available encodings: json, jsonflat");
		};
	}

	/** @return the content type of the responses */
	String contentType() {
		return CONTENT_TYPE;
	}

	/**
	 * Encodes the response to a GET request.
	 * @param rid the requested resource ID
	 * @param resources the requested resource and the ones it references
	 * @return the JSON bytes
	 */
	byte[] encodeResource(String rid, ApiResources resources) {
		return codec.encode(tree(rid, resources));
	}

	/**
	 * Encodes the response to a GET request from a resource set. A resource whose values are all
	 * primitives reads the same over HTTP as over the WebSocket: its body is the cache's shared
	 * encoding of the snapshot, encoded once for all the requests that get that state.
	 * @param rid the requested resource ID
	 * @param set the requested resource and the ones it references
	 * @return the JSON bytes; must not be modified
	 */
	byte[] encodeResource(String rid, ResourceSet set) {
		byte[] plain = plainBody(set.state(rid), codec);
		if (plain != null && !set.errors().containsKey(rid)) {
			return plain;
		}
		return encodeResource(rid, ApiResources.ofResourceSet(set.models(), set.collections(), set.errors()));
	}

	/**
	 * The body of a resource that references nothing and holds no data values.
	 * @param state the resource's snapshot, or {@code null}
	 * @param codec the codec, for the snapshot's first encoding
	 * @return the snapshot's shared encoding (not to be modified), or {@code null} if it has other values
	 */
	static byte[] plainBody(ResourceState state, ResCodec codec) {
		if (state == null) {
			return null;
		}
		for (ResValue v : state.values()) {
			if (v.kind() != ResValue.Kind.PRIMITIVE) {
				return null;
			}
		}
		return state.encoded(false, codec);
	}

	/**
	 * The JSON tree of the response to a GET request.
	 * @param rid the requested resource ID
	 * @param resources the requested resource and the ones it references
	 * @return the tree
	 */
	JsonNode tree(String rid, ApiResources resources) {
		return new Walk(resources).resource(rid, false);
	}

	/**
	 * Encodes the result of a call.
	 * @param result the result
	 * @return the JSON bytes, or {@code null} for a {@code null} result (no content)
	 */
	byte[] encodeResult(RawJson result) {
		if (result == null || result.isNull()) {
			return null;
		}
		return result.bytes();
	}

	/**
	 * Encodes an error.
	 * @param error the error
	 * @return the JSON bytes
	 */
	byte[] encodeError(ResError error) {
		return codec.encode(error);
	}

	private ObjectNode href(String rid) {
		ObjectNode n = NODES.objectNode();
		n.put("href", path.toPath(rid));
		return n;
	}

	/** One encoding pass, tracking the resources being encoded to stop at cycles. */
	private final class Walk {

		private final ApiResources resources;

		private final Deque<String> encoding = new ArrayDeque<>();

		Walk(ApiResources resources) {
			this.resources = resources;
		}

		JsonNode resource(String rid, boolean referenced) {
			boolean wrap = referenced && !flat;
			if (encoding.contains(rid)) {
				return href(rid);
			}
			ApiResource r = resources.resource(rid);
			ObjectNode wrapper = wrap ? href(rid) : null;
			if (r instanceof ApiResource.Failure f) {
				JsonNode err = codec.toTree(f.error());
				return wrap ? wrapper.set("error", err) : err;
			}
			encoding.push(rid);
			JsonNode content;
			String kind;
			if (r instanceof ApiResource.Model m) {
				ObjectNode o = NODES.objectNode();
				for (Map.Entry<String, Value> e : m.values().entrySet()) {
					o.set(e.getKey(), value(e.getValue()));
				}
				content = o;
				kind = "model";
			}
			else {
				ArrayNode a = NODES.arrayNode();
				for (Value v : ((ApiResource.Collection) r).values()) {
					a.add(value(v));
				}
				content = a;
				kind = "collection";
			}
			encoding.pop();
			return wrap ? wrapper.set(kind, content) : content;
		}

		private JsonNode value(Value v) {
			if (v instanceof Value.Ref ref) {
				return ref.soft() ? href(ref.rid()) : resource(ref.rid(), true);
			}
			if (v instanceof Value.Data d) {
				return d.data();
			}
			return v.toJson();
		}
	}
}
