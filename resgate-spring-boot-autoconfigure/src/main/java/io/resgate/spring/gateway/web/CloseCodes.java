package io.resgate.spring.gateway.web;

import java.nio.charset.StandardCharsets;

/**
 * WebSocket close codes (RFC 6455, section 7.4) and close frame payloads.
 */
final class CloseCodes {

	static final int NORMAL = 1000;

	static final int GOING_AWAY = 1001;

	static final int PROTOCOL_ERROR = 1002;

	static final int NO_STATUS = 1005;

	static final int ABNORMAL = 1006;

	static final int INVALID_DATA = 1007;

	static final int POLICY_VIOLATION = 1008;

	static final int TOO_BIG = 1009;

	static final int INTERNAL_ERROR = 1011;

	/** The longest reason that fits a control frame with a code. */
	private static final int MAX_REASON_BYTES = 123;

	private CloseCodes() {
	}

	/**
	 * Tells whether a peer may send a close code (RFC 6455, section 7.4.1; 3000-4999 are for
	 * libraries and applications).
	 * @param code the code
	 * @return whether it is valid on the wire
	 */
	static boolean isValidReceived(int code) {
		return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
	}

	/**
	 * The payload of the close frame that answers a peer's close frame: empty if the peer's is, otherwise
	 * the peer's code (RFC 6455, section 5.5.1).
	 * @param received the payload of the peer's close frame
	 * @return the payload of the answer
	 * @throws WebSocketException if the peer's payload has one byte, a code not valid on the wire or a
	 * reason that is not UTF-8
	 */
	static byte[] answer(byte[] received) {
		if (received.length == 0) {
			return received;
		}
		if (received.length == 1) {
			throw WebSocketException.protocol("close frame with a 1-byte payload");
		}
		int code = ((received[0] & 0xff) << 8) | (received[1] & 0xff);
		if (!isValidReceived(code)) {
			throw WebSocketException.protocol("invalid close code " + code);
		}
		if (!Utf8.isValid(received, 2, received.length - 2)) {
			throw WebSocketException.invalidData("invalid UTF-8 in a close reason");
		}
		return new byte[] { received[0], received[1] };
	}

	/**
	 * The payload of a close frame: the code, then the reason cut to fit (on a character boundary).
	 * @param code the close code
	 * @param reason the reason, or {@code null}
	 * @return the payload
	 */
	static byte[] payload(int code, String reason) {
		byte[] r = (reason == null) ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
		int len = Math.min(r.length, MAX_REASON_BYTES);
		while (len < r.length && len > 0 && (r[len] & 0xc0) == 0x80) {
			len--;
		}
		byte[] p = new byte[2 + len];
		p[0] = (byte) (code >> 8);
		p[1] = (byte) code;
		System.arraycopy(r, 0, p, 2, len);
		return p;
	}
}
