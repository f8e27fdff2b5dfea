package io.resgate.spring.gateway.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket upgrade request written by hand, to see what {@code java.net.http} hides: the status
 * and headers of the handshake response (set by a header auth reply's meta).
 *
 * @param status the HTTP status of the handshake response
 * @param headers the response headers, keys in lower case
 */
record RawHandshake(int status, Map<String, List<String>> headers) {

	/** Sends an upgrade request and reads the response head; the connection is closed afterwards. */
	static RawHandshake upgrade(URI wsUri, Map<String, String> extraHeaders) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(wsUri.getHost(), wsUri.getPort()), 5000);
			socket.setSoTimeout(10_000);
			String key = Base64.getEncoder().encodeToString("conformance-key!".getBytes(StandardCharsets.US_ASCII));
			StringBuilder req = new StringBuilder();
			req.append("GET ").append(wsUri.getRawPath().isEmpty() ? "/" : wsUri.getRawPath()).append(" HTTP/1.1\r\n");
			req.append("Host: ").append(wsUri.getHost()).append(':').append(wsUri.getPort()).append("\r\n");
			req.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n");
			req.append("Sec-WebSocket-Key: ").append(key).append("\r\n");
			extraHeaders.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
			req.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			String head = readHead(socket.getInputStream());
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			return new RawHandshake(status, headers);
		}
	}

	private static String readHead(InputStream in) throws IOException {
		ByteArrayOutputStream buf = new ByteArrayOutputStream();
		int state = 0;
		while (state < 4) {
			int b = in.read();
			if (b < 0) {
				break;
			}
			buf.write(b);
			state = switch (state) {
				case 0, 2 -> (b == '\r') ? state + 1 : 0;
				case 1, 3 -> (b == '\n') ? state + 1 : (b == '\r' ? 1 : 0);
				default -> 0;
			};
		}
		return buf.toString(StandardCharsets.ISO_8859_1);
	}

	/** @return the values of a header, or an empty list */
	List<String> header(String name) {
		return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
	}
}
