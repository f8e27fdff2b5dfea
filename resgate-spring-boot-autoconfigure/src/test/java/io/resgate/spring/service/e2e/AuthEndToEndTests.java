package io.resgate.spring.service.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.examples.ClientSession;
import io.resgate.spring.service.examples.JwtAuthentication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resgate's client-session and JWT examples through the gateway: password login with a per-connection
 * user model ({@code session.user.{cid}}), and header authentication of the WebSocket upgrade with a JWT
 * cookie ({@code resgate.ws-header-auth}).
 */
class AuthEndToEndTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static ConfigurableApplicationContext app;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AuthApp {

		@Bean
		ClientSession.SessionService sessionService(ResEvents events) {
			return new ClientSession.SessionService(events);
		}

		@Bean
		ClientSession.UserModel userModel(ClientSession.SessionService sessions) {
			return new ClientSession.UserModel(sessions);
		}

		@Bean
		ClientSession.Ticker ticker() {
			return new ClientSession.Ticker();
		}

		@Bean
		JwtAuthentication.AuthService jwtAuth() {
			return new JwtAuthentication.AuthService();
		}

		@Bean
		JwtAuthentication.ExampleService example(ResEvents events) {
			return new JwtAuthentication.ExampleService(events);
		}
	}

	@BeforeAll
	static void start() {
		app = ServicesApp.start(AuthApp.class, "resgate.ws-header-auth=auth.jwtHeader");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static URI uri() {
		return URI.create("ws://127.0.0.1:" + ServicesApp.port(app) + "/");
	}

	private static JsonNode json(String s) {
		return JSON.readTree(s);
	}

	@Test
	void passwordLoginGivesTheConnectionItsUserModel() {
		try (WsTestClient c = WsTestClient.connect(uri())) {
			c.request("version", "{\"protocol\":\"1.2.3\"}");
			JsonNode anonymous = c.request("subscribe.session.user.{cid}", null).get("result").get("models");
			assertThat(anonymous.size()).isEqualTo(1);
			assertThat(anonymous.properties().iterator().next().getValue())
				.isEqualTo(json("{\"id\":null,\"name\":null,\"role\":null}"));
			assertThat(c.request("subscribe.ticker.model", null).get("error").get("code").asString())
				.isEqualTo("system.accessDenied");

			assertThat(c.request("auth.session.login", "{\"username\":\"jane\",\"password\":\"nope\"}").get("error"))
				.isEqualTo(json("{\"code\":\"session.wrongUsernamePassword\",\"message\":\"Wrong username or password\"}"));
			long login = c.send("auth.session.login", "{\"username\":\"jane\",\"password\":\"jane\"}");
			List<JsonNode> frames = List.of(c.next(), c.next());
			JsonNode response = frames.stream().filter(f -> f.has("id")).findFirst().orElseThrow();
			assertThat(response.get("id").asLong()).isEqualTo(login);
			assertThat(response.get("result").get("payload").get("reloginKey").asString()).isNotBlank();
			JsonNode change = frames.stream().filter(f -> f.has("event")).findFirst().orElseThrow();
			assertThat(change.get("event").asString()).endsWith(".change");
			assertThat(change.get("data")).isEqualTo(json("{\"values\":{\"id\":3,\"name\":\"Jane Doe\",\"role\":\"user\"}}"));

			assertThat(c.request("subscribe.ticker.model", null).get("result").get("models").get("ticker.model"))
				.isEqualTo(json("{\"seconds\":0}"));
		}
	}

	@Test
	void webSocketHeaderAuthenticationWithAJwtCookie() throws Exception {
		try (WsTestClient c = WsTestClient.connect(uri())) {
			c.request("version", "{\"protocol\":\"1.2.3\"}");
			assertThat(c.request("subscribe.example.model", null).get("error").get("code").asString())
				.isEqualTo("system.accessDenied");
		}
		String jwt = JwtAuthentication.sign(Map.of("foo", "bar"));
		BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
		WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
			.header("Cookie", "access-token=" + jwt)
			.buildAsync(uri(), new WebSocket.Listener() {
				private final StringBuilder text = new StringBuilder();

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					text.append(data);
					if (last) {
						frames.add(JSON.readTree(text.toString()));
						text.setLength(0);
					}
					webSocket.request(1);
					return null;
				}
			})
			.get(5, TimeUnit.SECONDS);
		try {
			ws.sendText("{\"id\":1,\"method\":\"subscribe.example.model\"}", true).get(5, TimeUnit.SECONDS);
			JsonNode r = frames.poll(5, TimeUnit.SECONDS);
			assertThat(r).isEqualTo(
					json("{\"id\":1,\"result\":{\"models\":{\"example.model\":{\"message\":\"Hello, secure World!\"}}}}"));
			ws.sendText("{\"id\":2,\"method\":\"call.example.model.set\",\"params\":{\"message\":\"Hi\"}}", true)
				.get(5, TimeUnit.SECONDS);
			List<JsonNode> got = new ArrayList<>();
			for (int i = 0; i < 2; i++) {
				got.add(frames.poll(5, TimeUnit.SECONDS));
			}
			// no version request: a legacy client, whose call results are not wrapped in a payload
			assertThat(got).contains(json("{\"id\":2,\"result\":null}"),
					json("{\"event\":\"example.model.change\",\"data\":{\"values\":{\"message\":\"Hi\"}}}"));
		}
		finally {
			ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
		}
		assertThat(frames.poll(100, TimeUnit.MILLISECONDS)).isNull();
	}
}
