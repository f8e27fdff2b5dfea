package io.resgate.spring.gateway.session;

import io.resgate.spring.protocol.JsonBytes;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Encodes the frames the gateway sends to clients: responses, error responses and events.
 */
public final class ClientMessages {

	private final ResCodec codec;

	/**
	 * Creates the encoder.
	 * @param codec the JSON codec
	 */
	public ClientMessages(ResCodec codec) {
		this.codec = codec;
	}

	/** @return the JSON codec */
	public ResCodec codec() {
		return codec;
	}

	/**
	 * A success response.
	 * @param id the request ID, its decimal digits
	 * @param result the result, or {@code null} for none
	 * @return the frame
	 */
	public byte[] result(String id, JsonNode result) {
		if (result == null) {
			return new JsonBytes(id.length() + 8).ascii("{\"id\":").ascii(id).append('}').toByteArray();
		}
		return result(id, codec.encode(result));
	}

	/**
	 * A success response with a result already encoded.
	 * @param id the request ID, its decimal digits
	 * @param result the result JSON
	 * @return the frame
	 */
	public byte[] result(String id, byte[] result) {
		return new JsonBytes(result.length + id.length() + 18).ascii("{\"result\":")
			.raw(result)
			.ascii(",\"id\":")
			.ascii(id)
			.append('}')
			.toByteArray();
	}

	/**
	 * A success response whose result is a resource set, such as to a subscribe request.
	 * @param id the request ID, its decimal digits
	 * @param resources the resource set
	 * @return the frame
	 */
	public byte[] result(String id, ResourceSet resources) {
		JsonBytes out = new JsonBytes(256).ascii("{\"result\":");
		if (resources.writeMembers(out, true, codec)) {
			out.append('{');
		}
		return out.ascii("},\"id\":").ascii(id).append('}').toByteArray();
	}

	/**
	 * A response with the payload of a call or auth request.
	 * @param id the request ID, its decimal digits
	 * @param payload the service's result
	 * @return the frame
	 */
	public byte[] payloadResult(String id, RawJson payload) {
		byte[] p = payload.bytes();
		return new JsonBytes(p.length + id.length() + 30).ascii("{\"result\":{\"payload\":")
			.raw(p)
			.ascii("},\"id\":")
			.ascii(id)
			.append('}')
			.toByteArray();
	}

	/**
	 * A response with the resource of a resource response to a call, auth or new request.
	 * @param id the request ID, its decimal digits
	 * @param rid the resource ID
	 * @param resources the resources the client did not have yet, or {@code null}
	 * @param error the error of the resource, or {@code null}
	 * @return the frame
	 */
	public byte[] resourceResult(String id, String rid, ResourceSet resources, ResError error) {
		JsonBytes out = new JsonBytes(256).ascii("{\"result\":{\"rid\":").string(rid);
		if (resources != null) {
			resources.writeMembers(out, false, codec);
		}
		if (error != null) {
			out.ascii(",\"errors\":{").string(rid).append(':').raw(codec.encode(error)).append('}');
		}
		return out.ascii("},\"id\":").ascii(id).append('}').toByteArray();
	}

	/**
	 * An error response.
	 * @param id the request ID, its decimal digits
	 * @param error the error
	 * @return the frame
	 */
	public byte[] error(String id, ResError error) {
		byte[] e = codec.encode(error);
		return new JsonBytes(e.length + id.length() + 17).ascii("{\"error\":")
			.raw(e)
			.ascii(",\"id\":")
			.ascii(id)
			.append('}')
			.toByteArray();
	}

	/**
	 * An event.
	 * @param rid the resource ID as the client knows it
	 * @param event the event name
	 * @param data the data, or {@code null} for none
	 * @return the frame
	 */
	public byte[] event(String rid, String event, JsonNode data) {
		ObjectNode n = codec.objectNode();
		n.put("event", rid + "." + event);
		if (data != null) {
			n.set("data", data);
		}
		return codec.encode(n);
	}
}
