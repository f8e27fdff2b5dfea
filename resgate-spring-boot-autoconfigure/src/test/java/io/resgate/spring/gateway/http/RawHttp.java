package io.resgate.spring.gateway.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One HTTP/1.1 connection over a plain socket, for requests that an HTTP client library would not
 * send (malformed request lines, raw UTF-8 or unencoded brackets in the target) and for checking
 * what happens to the connection itself.
 */
final class RawHttp implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	RawHttp(int port) throws IOException {
		this.socket = new Socket("127.0.0.1", port);
		this.socket.setSoTimeout(20_000);
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	/**
	 * Sends bytes as they are.
	 * @param request the bytes
	 * @return this connection
	 */
	RawHttp send(byte[] request) throws IOException {
		out.write(request);
		out.flush();
		return this;
	}

	/**
	 * Sends a request head, its characters as single bytes (ISO-8859-1).
	 * @param request the request
	 * @return this connection
	 */
	RawHttp send(String request) throws IOException {
		return send(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	/**
	 * Reads one response: status line, headers, and a body of the given {@code Content-Length}.
	 * @return the response
	 * @throws AssertionError if the connection closes or times out before a complete response
	 */
	Response read() throws IOException {
		String statusLine = line();
		assertThat(statusLine).as("status line").startsWith("HTTP/1.1 ");
		int status = Integer.parseInt(statusLine.substring(9, 12));
		List<String[]> headers = new ArrayList<>();
		String h;
		while (!(h = line()).isEmpty()) {
			int colon = h.indexOf(':');
			headers.add(new String[] { h.substring(0, colon).trim(), h.substring(colon + 1).trim() });
		}
		int length = headers.stream()
			.filter(x -> x[0].equalsIgnoreCase("Content-Length"))
			.map(x -> Integer.parseInt(x[1]))
			.findFirst()
			.orElse(0);
		byte[] body = in.readNBytes(length);
		assertThat(body).as("body of %s", statusLine).hasSize(length);
		return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	/**
	 * Waits for the server to close the connection.
	 * @return whether it closed the connection, rather than sending more or staying silent within 20 s
	 */
	boolean closedByServer() throws IOException {
		try {
			return in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// A reset is a close too.
			return true;
		}
	}

	private String line() throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) >= 0) {
			if (c == '\n') {
				String s = b.toString(StandardCharsets.ISO_8859_1);
				return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
			}
			b.write(c);
		}
		throw new AssertionError("connection closed by the server after [" + b.toString(StandardCharsets.ISO_8859_1)
				+ "]");
	}

	@Override
	public void close() throws IOException {
		socket.close();
	}

	/**
	 * A response read from the socket.
	 * @param status the status
	 * @param headers the headers as name-value pairs
	 * @param body the body as UTF-8
	 */
	record Response(int status, List<String[]> headers, String body) {

		List<String> header(String name) {
			return headers.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
		}

		JsonNode json() {
			return ScriptedService.CODEC.tree(body.getBytes(StandardCharsets.UTF_8));
		}

		/** Asserts the status and a RES error body with its content type. */
		Response assertError(int expectedStatus, String code, String message) {
			assertThat(status).as("status, body %s", body).isEqualTo(expectedStatus);
			assertThat(header("Content-Type")).singleElement()
				.satisfies(ct -> assertThat(ct.replace(" ", "").toLowerCase(Locale.ROOT))
					.isEqualTo("application/json;charset=utf-8"));
			assertThat(json()).isEqualTo(ScriptedService.CODEC.tree(
					("{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)));
			return this;
		}
	}
}
