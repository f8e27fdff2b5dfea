package io.resgate.spring.gateway;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written over a plain socket, for tests of the protocol itself: it sends frames
 * exactly as told (masked or not, fragmented, with any opcode or reserved bit), reads frames one at
 * a time, and can stop reading altogether.
 */
final class RawWebSocket implements AutoCloseable {

	/** A frame received from the server. */
	record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {

		String text() {
			return new String(payload, StandardCharsets.UTF_8);
		}

		/** @return the close code of a close frame, or 1005 if it has none */
		int closeCode() {
			return (payload.length >= 2) ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
		}

		String closeReason() {
			return (payload.length > 2) ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
		}
	}

	private final Socket socket;

	private final DataInputStream in;

	private final OutputStream out;

	private final String responseHead;

	private RawWebSocket(Socket socket, String responseHead) throws IOException {
		this.socket = socket;
		this.in = new DataInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
		this.responseHead = responseHead;
	}

	/**
	 * Opens a WebSocket on {@code /}.
	 * @param port the server port
	 * @param extraHeaders more request header lines, each ending in CRLF
	 * @param receiveBuffer the socket's receive buffer size, or 0 for the default
	 * @return the client, after a 101 response
	 */
	static RawWebSocket connect(int port, String extraHeaders, int receiveBuffer) throws IOException {
		return connect(port, extraHeaders, receiveBuffer, new byte[0]);
	}

	/**
	 * Opens a WebSocket on {@code /}, sending bytes right behind the upgrade request, in the same write.
	 * @param port the server port
	 * @param extraHeaders more request header lines, each ending in CRLF
	 * @param receiveBuffer the socket's receive buffer size, or 0 for the default
	 * @param early bytes sent with the upgrade request, before its response (frames from {@link #frame})
	 * @return the client, after a 101 response
	 */
	static RawWebSocket connect(int port, String extraHeaders, int receiveBuffer, byte[] early) throws IOException {
		Socket s = new Socket();
		if (receiveBuffer > 0) {
			s.setReceiveBufferSize(receiveBuffer);
		}
		s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
		s.setSoTimeout(5000);
		String req = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
		ByteArrayOutputStream first = new ByteArrayOutputStream();
		first.write(req.getBytes(StandardCharsets.US_ASCII));
		first.write(early);
		s.getOutputStream().write(first.toByteArray());
		InputStream in = s.getInputStream();
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			head.write(b);
		}
		String h = head.toString(StandardCharsets.ISO_8859_1);
		if (!h.startsWith("HTTP/1.1 101")) {
			s.close();
			throw new IOException("upgrade refused: " + h);
		}
		return new RawWebSocket(s, h);
	}

	static RawWebSocket connect(int port) throws IOException {
		return connect(port, "", 0);
	}

	String responseHead() {
		return responseHead;
	}

	/**
	 * Sends a masked frame.
	 * @param fin whether it ends a message
	 * @param opcode the opcode
	 * @param payload the payload
	 */
	void send(boolean fin, int opcode, byte[] payload) throws IOException {
		sendFrame((fin ? 0x80 : 0) | opcode, payload, true);
	}

	/**
	 * Sends a frame.
	 * @param firstByte FIN, RSV and opcode bits
	 * @param payload the payload
	 * @param masked whether to mask it
	 */
	void sendFrame(int firstByte, byte[] payload, boolean masked) throws IOException {
		out.write(frame(firstByte, payload, masked));
		out.flush();
	}

	/**
	 * Encodes a frame.
	 * @param firstByte FIN, RSV and opcode bits
	 * @param payload the payload
	 * @param masked whether to mask it
	 * @return the frame's bytes
	 */
	static byte[] frame(int firstByte, byte[] payload, boolean masked) {
		ByteArrayOutputStream f = new ByteArrayOutputStream();
		f.write(firstByte);
		int maskBit = masked ? 0x80 : 0;
		if (payload.length < 126) {
			f.write(maskBit | payload.length);
		}
		else if (payload.length < 65536) {
			f.write(maskBit | 126);
			f.write(payload.length >> 8);
			f.write(payload.length);
		}
		else {
			f.write(maskBit | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				f.write((int) ((long) payload.length >> shift));
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		if (masked) {
			f.write(mask, 0, 4);
		}
		for (int i = 0; i < payload.length; i++) {
			f.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
		}
		return f.toByteArray();
	}

	void sendText(String text) throws IOException {
		send(true, 1, text.getBytes(StandardCharsets.UTF_8));
	}

	/** @return the next frame; fails after the socket's read timeout */
	Frame read() throws IOException {
		int b0 = in.readUnsignedByte();
		int b1 = in.readUnsignedByte();
		long len = b1 & 0x7f;
		if (len == 126) {
			len = in.readUnsignedShort();
		}
		else if (len == 127) {
			len = in.readLong();
		}
		if ((b1 & 0x80) != 0) {
			throw new IOException("masked server frame");
		}
		byte[] payload = new byte[(int) len];
		in.readFully(payload);
		return new Frame((b0 & 0x80) != 0, (b0 & 0x40) != 0, b0 & 0x0f, payload);
	}

	/** @return the next text frame, skipping nothing: fails on another kind of frame */
	String readText() throws IOException {
		Frame f = read();
		if (f.opcode() != 1) {
			throw new IOException("expected a text frame, got opcode " + f.opcode() + " " + f.text());
		}
		return f.text();
	}

	/** @return the close frame, skipping any data frames before it */
	Frame readUntilClose() throws IOException {
		while (true) {
			Frame f = read();
			if (f.opcode() == 8) {
				return f;
			}
		}
	}

	/** @return whether the server closed the TCP connection (end of stream) before the timeout */
	boolean awaitEndOfStream() throws IOException {
		try {
			while (in.read() >= 0) {
				// drain
			}
			return true;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (EOFException ex) {
			return true;
		}
		catch (IOException ex) {
			// connection reset: closed too
			return true;
		}
	}

	void setReadTimeout(int millis) throws IOException {
		socket.setSoTimeout(millis);
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}
}
