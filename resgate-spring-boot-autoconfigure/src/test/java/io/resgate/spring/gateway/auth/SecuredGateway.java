package io.resgate.spring.gateway.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import io.resgate.spring.gateway.WsTestClient;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway application behind Spring Security, reached over real HTTP and WebSocket: WebSockets
 * with headers, HTTP API requests, form login and logout, and a WebSocket upgrade by hand (the JDK's
 * WebSocket client hides a refusal's status and body).
 */
final class SecuredGateway implements AutoCloseable {

	private final ConfigurableApplicationContext app;

	private final int port;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<WsTestClient> clients = new ArrayList<>();

	/**
	 * Runs a gateway-only application on a random port, with the request timeout of the gateway tests.
	 * @param source the application's configuration class
	 * @param properties extra properties, such as {@code resgate.nats.url}
	 * @return the running application
	 */
	static ConfigurableApplicationContext run(Class<?> source, String... properties) {
		List<String> props = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"resgate.service.enabled=false", "resgate.request-timeout=2500ms"));
		props.addAll(List.of(properties));
		return new SpringApplicationBuilder(source).properties(props.toArray(String[]::new)).run();
	}

	SecuredGateway(ConfigurableApplicationContext app) {
		this.app = app;
		this.port = ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	ConfigurableApplicationContext app() {
		return app;
	}

	/**
	 * Opens a WebSocket.
	 * @param headers header names and values of the upgrade request, alternating
	 * @return the client
	 */
	WsTestClient connect(String... headers) {
		WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), headers);
		clients.add(ws);
		return ws;
	}

	CompletableFuture<HttpResponse<String>> getAsync(String path, String... headers) {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String path, String form, String... headers) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Logs in through the form login.
	 * @param user the user, whose password is the user name
	 * @return the session ID (the {@code JSESSIONID} cookie's value)
	 */
	String formLogin(String user) throws Exception {
		HttpResponse<String> r = post("/login", "username=" + user + "&password=" + user);
		assertThat(r.statusCode()).as("login of %s", user).isEqualTo(302);
		assertThat(r.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return r.headers().allValues("Set-Cookie").stream()
			.filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.substring("JSESSIONID=".length(), c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no session cookie in " + r.headers().map()));
	}

	/**
	 * A WebSocket upgrade request by hand.
	 * @param headers extra header lines, such as {@code "Authorization: Bearer x"}
	 * @return the status and the body
	 */
	Refusal rawUpgrade(String... headers) throws IOException {
		try (Socket s = new Socket("127.0.0.1", port)) {
			s.setSoTimeout(5000);
			StringBuilder req = new StringBuilder("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
					+ "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n");
			for (String h : headers) {
				req.append(h).append("\r\n");
			}
			req.append("\r\n");
			s.getOutputStream().write(req.toString().getBytes(StandardCharsets.US_ASCII));
			InputStream in = s.getInputStream();
			BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			int status = Integer.parseInt(r.readLine().split(" ")[1]);
			int length = -1;
			String line;
			while ((line = r.readLine()) != null && !line.isEmpty()) {
				if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
					length = Integer.parseInt(line.substring(15).trim());
				}
			}
			StringBuilder body = new StringBuilder();
			for (int i = 0; i < length; i++) {
				body.append((char) r.read());
			}
			return new Refusal(status, body.toString());
		}
	}

	static JsonNode json(String s) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(s);
	}

	@Override
	public void close() {
		clients.forEach(WsTestClient::close);
		app.close();
	}

	/**
	 * A refused upgrade.
	 * @param status the status
	 * @param body the body
	 */
	record Refusal(int status, String body) {
	}
}
