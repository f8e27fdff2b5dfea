package io.resgate.spring.gateway.web;

import java.util.List;

/**
 * Writes the frames a server sends (RFC 6455, section 5.2): unmasked, unfragmented, several
 * gathered into one buffer for one socket write.
 */
final class Frames {

	private Frames() {
	}

	/**
	 * The length of a frame's header.
	 * @param payloadLength the payload length
	 * @return the header length
	 */
	static int headerLength(int payloadLength) {
		return (payloadLength < 126) ? 2 : (payloadLength < 65536) ? 4 : 10;
	}

	/**
	 * Writes a frame header.
	 * @param dst where
	 * @param pos at which index
	 * @param opcode the opcode
	 * @param rsv1 whether the payload is compressed
	 * @param payloadLength the payload length
	 * @return the index after the header
	 */
	static int writeHeader(byte[] dst, int pos, int opcode, boolean rsv1, int payloadLength) {
		dst[pos++] = (byte) (0x80 | (rsv1 ? 0x40 : 0) | opcode);
		if (payloadLength < 126) {
			dst[pos++] = (byte) payloadLength;
		}
		else if (payloadLength < 65536) {
			dst[pos++] = 126;
			dst[pos++] = (byte) (payloadLength >> 8);
			dst[pos++] = (byte) payloadLength;
		}
		else {
			dst[pos++] = 127;
			for (int shift = 56; shift >= 0; shift -= 8) {
				dst[pos++] = (byte) ((long) payloadLength >> shift);
			}
		}
		return pos;
	}

	/**
	 * One whole frame.
	 * @param opcode the opcode
	 * @param payload the payload
	 * @return the frame
	 */
	static byte[] frame(int opcode, byte[] payload) {
		byte[] f = new byte[headerLength(payload.length) + payload.length];
		int pos = writeHeader(f, 0, opcode, false, payload.length);
		System.arraycopy(payload, 0, f, pos, payload.length);
		return f;
	}

	/**
	 * Text frames for messages, gathered into one buffer.
	 * @param messages the messages, UTF-8 encoded
	 * @param deflate compresses each message, or {@code null} for none
	 * @return the frames
	 */
	static byte[] textFrames(List<byte[]> messages, PerMessageDeflate deflate) {
		byte[][] payloads = new byte[messages.size()][];
		long total = 0;
		for (int i = 0; i < payloads.length; i++) {
			byte[] m = messages.get(i);
			payloads[i] = (deflate != null) ? deflate.compress(m) : m;
			total += headerLength(payloads[i].length) + payloads[i].length;
		}
		if (total > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("write too large: " + total + " bytes");
		}
		byte[] out = new byte[(int) total];
		int pos = 0;
		for (byte[] p : payloads) {
			pos = writeHeader(out, pos, FrameParser.OP_TEXT, deflate != null, p.length);
			System.arraycopy(p, 0, out, pos, p.length);
			pos += p.length;
		}
		return out;
	}
}
