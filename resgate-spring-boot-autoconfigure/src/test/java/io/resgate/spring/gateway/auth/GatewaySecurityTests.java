package io.resgate.spring.gateway.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.resgate.spring.gateway.ServiceStub;
import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security for the gateway, over real HTTP and WebSocket: the application's filter chain
 * authenticates the WebSocket upgrade and the HTTP API requests (HTTP Basic here), and the
 * {@code Authentication} is the connection's token in the services' requests, as plain JSON, from
 * the connection's first request. Subclasses run it on the in-process bus and on nats-server.
 */
@ExtendWith(OutputCaptureExtension.class)
abstract class GatewaySecurityTests {


	private ConfigurableApplicationContext app;

	private ServiceStub service;

	private final List<WsTestClient> clients = new ArrayList<>();

	/** @return extra properties of the gateway application */
	abstract String[] properties();

	/**
	 * @param app the gateway application
	 * @return the service's messaging connection
	 */
	abstract Messaging serviceMessaging(ConfigurableApplicationContext app);

	@BeforeEach
	void start() {
		app = SecuredGateway.run(SecuredApp.class, properties());
		service = new ServiceStub(serviceMessaging(app), "access.account.>", "get.account.>");
	}

	@AfterEach
	void stop() {
		clients.forEach(WsTestClient::close);
		service.close();
		app.close();
	}

	@Test
	void webSocketUpgradeWithBasicCredentialsHasTheTokenFromItsFirstRequest() {
		WsTestClient ws = connect("Authorization", basic("jane", "jane"));
		long id = ws.send("subscribe.account.jane", null);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		assertJanesToken(access.payload().get("token"));
		access.respond("{\"result\":{\"get\":true}}");
		ServiceStub.pick(requests, "get.account.jane").respond("{\"result\":{\"model\":{\"owner\":\"jane\"}}}");
		JsonNode r = ws.response(id);
		assertThat(r.at("/result/models/account.jane/owner").asString()).isEqualTo("jane");
	}

	@Test
	void anonymousWebSocketHasNoToken() {
		WsTestClient ws = connect();
		long id = ws.send("subscribe.account.jane", null);
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		assertNoToken(access);
		access.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		assertThat(ws.response(id).at("/error/code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void upgradeWithWrongCredentialsIsRefusedWith401() throws Exception {
		HttpResponse<String> r = http("/", "Authorization", basic("jane", "wrong"), "Connection", null);
		assertThat(r.statusCode()).isEqualTo(401);
		service.assertNoRequest(Duration.ofMillis(200));
	}

	@Test
	void httpApiRequestHasTheTokenOfItsBasicCredentials() throws Exception {
		CompletableFuture<HttpResponse<String>> pending = httpAsync("/api/account/jane", "Authorization",
				basic("jane", "jane"));
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.jane");
		assertJanesToken(access.payload().get("token"));
		access.respond("{\"result\":{\"get\":true}}");
		ServiceStub.pick(requests, "get.account.jane").respond("{\"result\":{\"model\":{\"owner\":\"jane\"}}}");
		HttpResponse<String> r = pending.get();
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(json(r.body()).get("owner").asString()).isEqualTo("jane");
	}

	@Test
	void httpApiWithWrongCredentialsGets401WithAResErrorBody() throws Exception {
		HttpResponse<String> r = http("/api/account/jane", "Authorization", basic("jane", "wrong"));
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(json(r.body()).get("code").asString()).as(r.body()).isEqualTo("system.accessDenied");
		assertThat(r.body()).doesNotContain("Exception");
		service.assertNoRequest(Duration.ofMillis(200));
	}

	@Test
	void aFailingTokenMapperDeniesTheTokenAndIsLoggedOnce(CapturedOutput output) throws Exception {
		CompletableFuture<HttpResponse<String>> pending = httpAsync("/api/account/broken", "Authorization",
				basic("broken", "broken"));
		List<ServiceStub.Request> requests = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(requests, "access.account.broken");
		assertNoToken(access);
		access.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}");
		HttpResponse<String> r = pending.get();
		assertThat(r.statusCode()).isIn(401, 403);
		assertThat(r.body()).doesNotContain("mapper broke");
		String log = output.getOut();
		assertThat(log.split("to a RES token failed", -1)).hasSize(2);
		assertThat(log).contains("mapper broke").doesNotContain("at io.resgate");
	}

	/** The default token: the principal's name and authorities, plain JSON. */
	private static void assertJanesToken(JsonNode token) {
		assertThat(token.get("name").asString()).isEqualTo("jane");
		List<String> authorities = new ArrayList<>();
		token.get("authorities").forEach(a -> authorities.add(a.asString()));
		assertThat(authorities).contains("ROLE_USER");
	}

	private static void assertNoToken(ServiceStub.Request request) {
		JsonNode token = request.payload().get("token");
		assertThat(token == null || token.isNull()).as(request.payload().toString()).isTrue();
	}

	private WsTestClient connect(String... headers) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"), headers);
		clients.add(ws);
		return ws;
	}

	private HttpResponse<String> http(String path, String... headers) throws Exception {
		if (headers.length >= 4 && "Connection".equals(headers[2])) {
			// a WebSocket upgrade request by hand: the JDK's WebSocket client hides the refusal's status
			return rawUpgrade(path, headers[1]);
		}
		return httpAsync(path, headers).get();
	}

	private HttpResponse<String> rawUpgrade(String path, String authorization) throws Exception {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
			s.setSoTimeout(5000);
			String req = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
					+ "Authorization: " + authorization + "\r\n\r\n";
			s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
			String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
					StandardCharsets.US_ASCII)).readLine();
			int code = Integer.parseInt(status.split(" ")[1]);
			return new StatusOnly(code);
		}
	}

	private CompletableFuture<HttpResponse<String>> httpAsync(String path, String... headers) {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	static JsonNode json(String s) {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree(s);
	}

	/** A gateway behind Spring Security: HTTP Basic, every request permitted (the services decide). */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebSecurity
	static class SecuredApp {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
				.httpBasic(Customizer.withDefaults())
				.csrf(c -> c.disable());
			return http.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(User.withUsername("jane").password("{noop}jane").roles("USER").build(),
					User.withUsername("broken").password("{noop}broken").roles("USER").build());
		}

		@Bean
		ResTokenMapper tokenMapper() {
			ResTokenMapper standard = ResTokenMapper.nameAndAuthorities();
			return a -> {
				if (a.getName().equals("broken")) {
					throw new IllegalStateException("mapper broke");
				}
				return standard.toToken(a);
			};
		}
	}

	private record StatusOnly(int statusCode) implements HttpResponse<String> {
		public HttpRequest request() { return null; }
		public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
		public java.net.http.HttpHeaders headers() { return null; }
		public String body() { return ""; }
		public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
		public URI uri() { return null; }
		public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
	}
}
