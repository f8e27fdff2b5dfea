package io.resgate.spring.gateway.web;

/**
 * A client broke the WebSocket protocol: the connection is closed with {@link #code()}. Carries
 * no stack trace, since it describes bad input, not a fault of the gateway.
 */
final class WebSocketException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int code;

	WebSocketException(int code, String reason) {
		super(reason, null, false, false);
		this.code = code;
	}

	/**
	 * A protocol error (close code 1002).
	 * @param reason what was wrong
	 * @return the exception
	 */
	static WebSocketException protocol(String reason) {
		return new WebSocketException(CloseCodes.PROTOCOL_ERROR, reason);
	}

	/**
	 * Data that does not match the message type, such as invalid UTF-8 in a text message (1007).
	 * @param reason what was wrong
	 * @return the exception
	 */
	static WebSocketException invalidData(String reason) {
		return new WebSocketException(CloseCodes.INVALID_DATA, reason);
	}

	/** @return the close code */
	int code() {
		return code;
	}
}
