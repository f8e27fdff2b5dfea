package io.resgate.spring.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a WebSocket upgrade request over a plain socket and returns the response head, to check
 * what the server negotiates.
 */
final class RawHandshake {

	private RawHandshake() {
	}

	static String upgrade(int port, String extraHeaders) throws IOException {
		try (Socket s = new Socket("127.0.0.1", port)) {
			s.setSoTimeout(5000);
			String req = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders
					+ "\r\n";
			s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
			s.getOutputStream().flush();
			InputStream in = s.getInputStream();
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			int b;
			while ((b = in.read()) >= 0) {
				head.write(b);
				String h = head.toString(StandardCharsets.US_ASCII);
				if (h.endsWith("\r\n\r\n")) {
					return h;
				}
			}
			return head.toString(StandardCharsets.US_ASCII);
		}
	}
}
