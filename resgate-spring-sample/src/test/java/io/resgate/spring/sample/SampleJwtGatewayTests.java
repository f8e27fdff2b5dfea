package io.resgate.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.gateway.auth.ResTokens;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JWT bearer example of docs/security.md: a gateway-only sample process on nats-server that takes JWTs
 * signed by an issuer's key ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), in front
 * of a service-only process. The JWT's subject is the user: {@code account.<user>} is readable with the
 * owner's token only; expired and forged tokens get 401 with a RES error body; a WebSocket whose token
 * expires, or whose {@code jti} is revoked, loses the account. The key is made by the test.
 */
class SampleJwtGatewayTests {

	@RegisterExtension
	static final NatsServerExtension nats = new NatsServerExtension();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JwtIssuer issuer = new JwtIssuer();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

	private ConfigurableApplicationContext gateway;

	@TempDir
	Path dir;

	@BeforeEach
	void start() throws Exception {
		Path key = issuer.writePublicKey(dir.resolve("issuer-public.pem"));
		start(WebApplicationType.NONE, "--resgate.gateway.enabled=false");
		gateway = start(WebApplicationType.SERVLET, "--resgate.service.enabled=false", "--server.port=0",
				"--spring.security.oauth2.resourceserver.jwt.public-key-location=" + key.toUri());
	}

	@AfterEach
	void stop() {
		apps.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void janesTokenReadsHerAccountAndJohnsDoesNot() throws Exception {
		HttpResponse<String> r = get("/api/account/jane", issuer.token("jane", "j-1", inMinutes(10)));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(JSON.readTree(r.body()).get("user").asString()).isEqualTo("jane");

		HttpResponse<String> john = get("/api/account/jane", issuer.token("john", "j-2", inMinutes(10)));
		assertThat(john.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(john.body()).get("code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void expiredAndForgedTokensGet401WithAResErrorBody() throws Exception {
		// past the resource server's default clock skew of 60 s
		for (String jwt : List.of(issuer.token("jane", "j-3", Instant.now().minus(5, ChronoUnit.MINUTES)),
				JwtIssuer.forged("jane", "j-4", inMinutes(10)))) {
			HttpResponse<String> r = get("/api/account/jane", jwt);
			assertThat(r.statusCode()).isEqualTo(401);
			assertThat(r.headers().firstValue("WWW-Authenticate").orElse("")).contains("invalid_token");
			assertThat(JSON.readTree(r.body()).get("code").asString()).as(r.body()).isEqualTo("system.accessDenied");
		}
	}

	@Test
	void aWebSocketLosesTheAccountWhenItsTokenExpires() {
		// JWT times are whole seconds: 5 to 6 s from now, time enough to subscribe on a busy machine
		Instant exp = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
		try (WsTestClient ws = connect(issuer.token("jane", "j-5", exp))) {
			JsonNode r = ws.request("subscribe.account.jane", null);
			assertThat(r.at("/result/models/account.jane/user").asString()).as(r.toString()).isEqualTo("jane");
			JsonNode event = ws.event(Duration.ofSeconds(20));
			assertThat(Instant.now()).isAfterOrEqualTo(exp);
			assertThat(event.get("event").asString()).isEqualTo("account.jane.unsubscribe");
			assertThat(event.at("/data/reason/code").asString()).isEqualTo("system.accessDenied");
		}
	}

	@Test
	void revokingTheJtiEndsTheTokenOnTheGateway() {
		try (WsTestClient ws = connect(issuer.token("jane", "j-6", inMinutes(10)))) {
			assertThat(ws.request("subscribe.account.jane", null).has("result")).isTrue();
			gateway.getBean(ResTokens.class).reset("j-6");
			assertThat(ws.event().get("event").asString()).isEqualTo("account.jane.unsubscribe");
		}
	}

	private static Instant inMinutes(int minutes) {
		return Instant.now().plus(minutes, ChronoUnit.MINUTES);
	}

	private ConfigurableApplicationContext start(WebApplicationType type, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		all.add("--resgate.nats.url=" + nats.url());
		all.add("--spring.main.banner-mode=off");
		ConfigurableApplicationContext app = new SpringApplicationBuilder(SampleApplication.class).web(type)
			.run(all.toArray(String[]::new));
		apps.add(app);
		return app;
	}

	private int port() {
		return ((WebServerApplicationContext) gateway).getWebServer().getPort();
	}

	private WsTestClient connect(String jwt) {
		return WsTestClient.connect(URI.create("ws://127.0.0.1:" + port() + "/"), "Authorization", "Bearer " + jwt);
	}

	private HttpResponse<String> get(String path, String jwt) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
			.timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + jwt).build(),
				HttpResponse.BodyHandlers.ofString());
	}
}
