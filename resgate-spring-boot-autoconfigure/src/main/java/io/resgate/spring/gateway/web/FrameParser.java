package io.resgate.spring.gateway.web;

/**
 * Reads the frames a client sends (RFC 6455, section 5.2) from a byte stream that arrives in
 * pieces of any size, and hands their unmasked payload to a {@link Handler} as it comes. Keeps only
 * the few bytes of a header split between two reads and the payload of a control frame; data
 * payload is never held here.
 *
 * <p>Enforced here: masking, reserved bits (RSV1 only on the first frame of a message, and only with
 * per-message compression), known opcodes, unfragmented control frames of at most 125 bytes, and
 * the order of fragments (a continuation only inside a message, a new message only after the last
 * one ended). A violation is a {@link WebSocketException} with close code 1002.
 */
final class FrameParser {

	static final int OP_CONTINUATION = 0;

	static final int OP_TEXT = 1;

	static final int OP_BINARY = 2;

	static final int OP_CLOSE = 8;

	static final int OP_PING = 9;

	static final int OP_PONG = 10;

	/** Receives what the parser reads. */
	interface Handler {

		/**
		 * A data message starts (its first frame).
		 * @param opcode {@link #OP_TEXT} or {@link #OP_BINARY}
		 * @param compressed whether RSV1 is set (per-message compression)
		 */
		void onMessageStart(int opcode, boolean compressed);

		/**
		 * A data frame (first or continuation) starts.
		 * @param length its payload length
		 * @param fin whether it is the message's last frame
		 * @param available how many payload bytes follow in the current read
		 */
		void onFrameStart(long length, boolean fin, int available);

		/**
		 * A part of a data frame's payload, unmasked.
		 * @param buf the bytes; valid only during the call
		 * @param off where the part starts
		 * @param len its length
		 */
		void onPayload(byte[] buf, int off, int len);

		/**
		 * A data frame ended.
		 * @param fin whether the message ended with it
		 */
		void onFrameEnd(boolean fin);

		/**
		 * A control frame, whole.
		 * @param opcode {@link #OP_CLOSE}, {@link #OP_PING} or {@link #OP_PONG}
		 * @param payload its unmasked payload
		 */
		void onControl(int opcode, byte[] payload);
	}

	private final boolean compressionAllowed;

	/** Header bytes read so far. */
	private final byte[] head = new byte[14];

	private int headLen;

	private boolean inPayload;

	private boolean inMessage;

	private int opcode;

	private boolean fin;

	private long remaining;

	private int mask;

	private int maskPos;

	/** The payload of the control frame being read, or {@code null}. */
	private byte[] control;

	private int controlLen;

	/**
	 * Creates a parser for one connection.
	 * @param compressionAllowed whether per-message compression was negotiated (RSV1 allowed)
	 */
	FrameParser(boolean compressionAllowed) {
		this.compressionAllowed = compressionAllowed;
	}

	/**
	 * Reads bytes; the payload in {@code buf} is unmasked in place.
	 * @param buf the bytes
	 * @param off where they start
	 * @param len how many
	 * @param handler where frames go
	 * @throws WebSocketException on a protocol error
	 */
	void feed(byte[] buf, int off, int len, Handler handler) {
		int pos = off;
		int end = off + len;
		while (pos < end) {
			if (!inPayload) {
				pos = readHeader(buf, pos, end, handler);
				continue;
			}
			int n = (int) Math.min(remaining, end - pos);
			unmask(buf, pos, n);
			remaining -= n;
			if (control != null) {
				System.arraycopy(buf, pos, control, controlLen, n);
				controlLen += n;
			}
			else if (n > 0) {
				handler.onPayload(buf, pos, n);
			}
			pos += n;
			if (remaining == 0) {
				endFrame(handler);
			}
		}
	}

	private int readHeader(byte[] buf, int pos, int end, Handler handler) {
		while (pos < end && headLen < 2) {
			head[headLen++] = buf[pos++];
		}
		if (headLen < 2) {
			return pos;
		}
		int len7 = head[1] & 0x7f;
		int need = 2 + ((len7 == 126) ? 2 : (len7 == 127) ? 8 : 0) + 4;
		if (headLen == 2) {
			checkFirstBytes();
		}
		while (pos < end && headLen < need) {
			head[headLen++] = buf[pos++];
		}
		if (headLen < need) {
			return pos;
		}
		long length = len7;
		int m = 2;
		if (len7 == 126) {
			length = ((head[2] & 0xff) << 8) | (head[3] & 0xff);
			m = 4;
		}
		else if (len7 == 127) {
			length = 0;
			for (int i = 2; i < 10; i++) {
				length = (length << 8) | (head[i] & 0xff);
			}
			if (length < 0) {
				throw WebSocketException.protocol("frame length out of range");
			}
			m = 10;
		}
		mask = ((head[m] & 0xff) << 24) | ((head[m + 1] & 0xff) << 16) | ((head[m + 2] & 0xff) << 8)
				| (head[m + 3] & 0xff);
		maskPos = 0;
		remaining = length;
		headLen = 0;
		inPayload = true;
		startFrame(length, (int) Math.min(length, end - pos), handler);
		if (remaining == 0) {
			endFrame(handler);
		}
		return pos;
	}

	/** Checks the first two header bytes as soon as they are known. */
	private void checkFirstBytes() {
		int b0 = head[0] & 0xff;
		int b1 = head[1] & 0xff;
		boolean finBit = (b0 & 0x80) != 0;
		boolean rsv1 = (b0 & 0x40) != 0;
		int op = b0 & 0x0f;
		if ((b0 & 0x30) != 0) {
			throw WebSocketException.protocol("reserved bits set");
		}
		if ((b1 & 0x80) == 0) {
			throw WebSocketException.protocol("unmasked client frame");
		}
		switch (op) {
			case OP_CLOSE, OP_PING, OP_PONG -> {
				if (!finBit) {
					throw WebSocketException.protocol("fragmented control frame");
				}
				if ((b1 & 0x7f) > 125) {
					throw WebSocketException.protocol("control frame too long");
				}
				if (rsv1) {
					throw WebSocketException.protocol("reserved bit set on a control frame");
				}
			}
			case OP_TEXT, OP_BINARY -> {
				if (inMessage) {
					throw WebSocketException.protocol("new message before the previous one ended");
				}
				if (rsv1 && !compressionAllowed) {
					throw WebSocketException.protocol("reserved bit set without compression");
				}
			}
			case OP_CONTINUATION -> {
				if (!inMessage) {
					throw WebSocketException.protocol("continuation outside a message");
				}
				if (rsv1) {
					throw WebSocketException.protocol("reserved bit set on a continuation frame");
				}
			}
			default -> throw WebSocketException.protocol("unknown opcode " + op);
		}
	}

	private void startFrame(long length, int available, Handler handler) {
		int b0 = head[0] & 0xff;
		opcode = b0 & 0x0f;
		fin = (b0 & 0x80) != 0;
		if (opcode >= OP_CLOSE) {
			control = new byte[(int) length];
			controlLen = 0;
			return;
		}
		if (opcode != OP_CONTINUATION) {
			inMessage = true;
			handler.onMessageStart(opcode, (b0 & 0x40) != 0);
		}
		handler.onFrameStart(length, fin, available);
	}

	private void endFrame(Handler handler) {
		inPayload = false;
		if (control != null) {
			byte[] payload = control;
			control = null;
			handler.onControl(opcode, payload);
			return;
		}
		if (fin) {
			inMessage = false;
		}
		handler.onFrameEnd(fin);
	}

	private void unmask(byte[] buf, int off, int len) {
		int k = maskPos;
		for (int i = off, end = off + len; i < end; i++) {
			buf[i] ^= (byte) (mask >>> (24 - 8 * (k & 3)));
			k++;
		}
		maskPos = k & 3;
	}
}
