package io.resgate.spring.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * WebSocket header authentication and allowed origins, on the in-process bus.
 */
class GatewayConnectOptionsTests {

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.ws-header-auth=e2e.vault.method",
				"resgate.allow-origin=http://allowed.example", "resgate.gateway.max-message-size=50000");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void headerAuthIsSentOnConnectAndItsTokenUsedForAccess() {
		try (ServiceStub service = new ServiceStub(app.messaging())) {
			Thread answering = new Thread(() -> {
				ServiceStub.Request auth = service.next("auth.e2e.vault.method");
				String cid = auth.payload().get("cid").asString();
				service.publish("conn." + cid + ".token", "{\"token\":{\"user\":\"foo\"}}");
				auth.result("null");
			});
			answering.start();
			try (WsTestClient c = WsTestClient.connect(app.wsUri())) {
				long id = c.send("subscribe.e2e.hdr", null);
				List<ServiceStub.Request> reqs = service.nextParallel(2);
				ServiceStub.Request access = ServiceStub.pick(reqs, "access.e2e.hdr");
				assertThat(access.payload().get("token")).isEqualTo(WsTestClient.JSON.readTree("{\"user\":\"foo\"}"));
				assertThat(access.payload().has("isHttp")).isFalse();
				access.result("{\"get\":true}");
				ServiceStub.pick(reqs, "get.e2e.hdr").result("{\"model\":{}}");
				assertThat(c.response(id).get("result").get("models").has("e2e.hdr")).isTrue();
			}
		}
	}

	@Test
	void headerAuthRequestCarriesTheHttpRequest() throws Exception {
		try (ServiceStub service = new ServiceStub(app.messaging())) {
			java.util.concurrent.CompletableFuture<tools.jackson.databind.JsonNode> payload = new java.util.concurrent.CompletableFuture<>();
			Thread answering = new Thread(() -> {
				ServiceStub.Request auth = service.next("auth.e2e.vault.method");
				payload.complete(auth.payload());
				auth.result("null");
			});
			answering.start();
			try (WsTestClient c = WsTestClient.connect(URI.create(app.wsUri() + "?x=1"))) {
				assertThat(c.request("version", null).has("result")).isTrue();
			}
			var p = payload.get(5, java.util.concurrent.TimeUnit.SECONDS);
			assertThat(p.get("isHttp").asBoolean()).isTrue();
			assertThat(p.has("params")).isFalse();
			assertThat(p.get("token").isNull()).isTrue();
			assertThat(p.get("host").asString()).isEqualTo("127.0.0.1:" + app.port());
			assertThat(p.get("remoteAddr").asString()).startsWith("127.0.0.1:");
			assertThat(p.get("uri").asString()).isEqualTo("/?x=1");
			assertThat(p.get("header").get("Upgrade").get(0).asString()).isEqualToIgnoringCase("websocket");
		}
	}

	@Test
	void headerAuthMetaStatusRefusesTheConnection() {
		try (ServiceStub service = new ServiceStub(app.messaging())) {
			Thread answering = new Thread(() -> service.next("auth.e2e.vault.method")
				.respond("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"},\"meta\":{\"status\":401}}"));
			answering.start();
			assertThatThrownBy(() -> WsTestClient.connect(app.wsUri())).isInstanceOf(CompletionException.class)
				.cause().isInstanceOf(WebSocketHandshakeException.class)
				.satisfies(ex -> assertThat(((WebSocketHandshakeException) ex).getResponse().statusCode()).isEqualTo(401));
		}
	}

	@Test
	void foreignOriginIsRefused() {
		try (ServiceStub service = new ServiceStub(app.messaging())) {
			assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder()
				.header("Origin", "http://evil.example")
				.connectTimeout(Duration.ofSeconds(5))
				.buildAsync(app.wsUri(), new WebSocket.Listener() {
				})
				.join()).cause().isInstanceOf(WebSocketHandshakeException.class);
			service.assertNoRequest(Duration.ofMillis(100));
		}
	}

	@Test
	void requestOverTheSizeLimitIsAnsweredAndTheConnectionStaysOpen() {
		try (ServiceStub service = new ServiceStub(app.messaging())) {
			new Thread(() -> service.next("auth.e2e.vault.method").result("null")).start();
			try (WsTestClient c = WsTestClient.connect(app.wsUri())) {
				c.sendRaw("{\"id\":1,\"method\":\"subscribe.e2e." + "x".repeat(60_000) + "\"}");
				JsonNode error = c.response(1);
				assertThat(error.at("/error/code").asString()).isEqualTo("system.invalidRequest");
				JsonNode r = c.request("version", null);
				assertThat(r.get("result").get("protocol").asString()).isEqualTo("1.2.3");
				assertThat(c.isClosed()).isFalse();
				service.assertNoRequest(Duration.ofMillis(100));
			}
		}
	}
}
