package io.resgate.spring.gateway.web;

import java.util.Arrays;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Assembles the data messages of one {@link WebSocketConnection} from the frames its
 * {@link FrameParser} reads (RFC 6455, section 5.4, fragmentation), and delivers each message to the
 * gateway; control frames go back to the connection.
 *
 * <p>A message that arrives whole (one frame, uncompressed) in one read is delivered straight from
 * the reading thread's buffer. One that spans reads or frames, or is compressed, is assembled in a
 * buffer allocated for it and dropped afterwards, so an idle connection holds no buffer. A message
 * over the size limit is not kept: its first {@value #PREFIX_SIZE} bytes are, so that the request in
 * it can be answered with an error. A text message that is not valid UTF-8 fails the connection
 * (close code 1007).
 *
 * <p>Used by the connection's reading thread only, one at a time: it holds no lock.
 */
final class MessageAssembler implements FrameParser.Handler {

	/** The connection's log: its messages are logged where they were before the assembler was a class of its own. */
	private static final Log logger = LogFactory.getLog(WebSocketConnection.class);

	/** How much of an oversized message is kept, to find the request ID in it. */
	static final int PREFIX_SIZE = 4096;

	private final WebSocketConnection connection;

	private final WebSocketEngine engine;

	private final PerMessageDeflate deflate;

	private boolean firstFrame;

	private int messageOpcode;

	private boolean messageCompressed;

	private long messageLength;

	private boolean tooLarge;

	private boolean direct;

	private byte[] assembly;

	private int assemblyLen;

	/**
	 * Creates the assembler of a connection.
	 * @param connection the connection whose messages it assembles
	 * @param engine the shared engine
	 * @param deflate the connection's compression, or {@code null} if none was negotiated
	 */
	MessageAssembler(WebSocketConnection connection, WebSocketEngine engine, PerMessageDeflate deflate) {
		this.connection = connection;
		this.engine = engine;
		this.deflate = deflate;
	}

	@Override
	public void onMessageStart(int opcode, boolean compressed) {
		messageOpcode = opcode;
		messageCompressed = compressed;
		messageLength = 0;
		tooLarge = false;
		assemblyLen = 0;
		firstFrame = true;
	}

	@Override
	public void onFrameStart(long length, boolean fin, int available) {
		boolean first = firstFrame;
		firstFrame = false;
		messageLength += length;
		if (!tooLarge && messageLength > engine.maxMessageSize()) {
			tooLarge = true;
		}
		direct = first && fin && !tooLarge && !messageCompressed && length > 0 && available == length;
		if (first && fin && !direct && !tooLarge && assembly == null) {
			assembly = new byte[(int) length];
		}
	}

	@Override
	public void onPayload(byte[] buf, int off, int len) {
		if (direct) {
			deliver(buf, off, len);
			return;
		}
		int room = tooLarge ? PREFIX_SIZE - assemblyLen : len;
		if (room <= 0) {
			return;
		}
		int n = Math.min(len, room);
		if (assembly == null || assembly.length < assemblyLen + n) {
			int size = Math.max(assemblyLen + n, (assembly == null) ? 1024 : assembly.length * 2);
			size = Math.min(size, tooLarge ? PREFIX_SIZE : Math.max(engine.maxMessageSize(), assemblyLen + n));
			byte[] grown = new byte[size];
			if (assembly != null) {
				System.arraycopy(assembly, 0, grown, 0, assemblyLen);
			}
			assembly = grown;
		}
		System.arraycopy(buf, off, assembly, assemblyLen, n);
		assemblyLen += n;
	}

	@Override
	public void onFrameEnd(boolean fin) {
		if (!fin) {
			return;
		}
		if (direct) {
			direct = false;
			return;
		}
		byte[] data = assembly;
		int len = assemblyLen;
		assembly = null;
		assemblyLen = 0;
		messageLength = 0;
		if (data == null) {
			data = new byte[0];
		}
		if (messageCompressed) {
			PerMessageDeflate.Inflated r = tooLarge ? deflate.inflatePrefix(data, len, PREFIX_SIZE)
					: deflate.inflate(data, len, engine.maxMessageSize());
			tooLarge = tooLarge || r.tooLarge();
			data = r.bytes();
			len = r.length();
		}
		if (tooLarge) {
			tooLarge(data, Math.min(len, PREFIX_SIZE));
		}
		else {
			deliver(data, 0, len);
		}
	}

	@Override
	public void onControl(int opcode, byte[] payload) {
		connection.onControl(opcode, payload);
	}

	/**
	 * Delivers a whole message to the gateway: as it is if it fills its own array, otherwise (a part
	 * of the reading thread's buffer or of a larger array) as a copy.
	 */
	private void deliver(byte[] buf, int off, int len) {
		messageLength = 0;
		if (connection.isClosing()) {
			return;
		}
		if (messageOpcode == FrameParser.OP_TEXT && !Utf8.isValid(buf, off, len)) {
			throw WebSocketException.invalidData("invalid UTF-8 in a text message");
		}
		byte[] frame = (off == 0 && len == buf.length && buf != engine.readBuffer()) ? buf
				: Arrays.copyOfRange(buf, off, off + len);
		engine.gateway().onFrame(connection.client(), frame);
	}

	/** Passes the kept start of an oversized message to the gateway, which answers its request with an error. */
	private void tooLarge(byte[] prefix, int len) {
		tooLarge = false;
		if (connection.isClosing()) {
			return;
		}
		logger.info("WebSocket message over " + engine.maxMessageSize() + " bytes from [" + connection.cid()
				+ "]: answered with an error");
		engine.gateway().onFrameTooLarge(connection.client(), Arrays.copyOf(prefix, len));
	}
}
