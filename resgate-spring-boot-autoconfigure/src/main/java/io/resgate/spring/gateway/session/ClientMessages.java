package io.resgate.spring.gateway.session;

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
	 * @param id the request ID
	 * @param result the result, or {@code null} for none
	 * @return the frame
	 */
	public byte[] result(JsonNode id, JsonNode result) {
		ObjectNode n = codec.objectNode();
		if (result != null) {
			n.set("result", result);
		}
		n.set("id", id);
		return codec.encode(n);
	}

	/**
	 * An error response.
	 * @param id the request ID
	 * @param error the error
	 * @return the frame
	 */
	public byte[] error(JsonNode id, ResError error) {
		ObjectNode n = codec.objectNode();
		n.set("error", codec.toTree(error));
		n.set("id", id);
		return codec.encode(n);
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
