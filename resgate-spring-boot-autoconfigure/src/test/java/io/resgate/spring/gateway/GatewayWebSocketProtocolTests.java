package io.resgate.spring.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The WebSocket protocol (RFC 6455) as the gateway's engine speaks it, seen by a client written over
 * a plain socket: control frames, fragmentation, protocol errors, the close handshake, and the
 * message size limit ({@code resgate.gateway.max-message-size}, 1 KiB here) with its answer. The
 * sockets are read by the gateway's read loops here; {@link GatewayWebSocketProtocolServletReadTests}
 * runs the same tests with every connection read through the Servlet API.
 */
class GatewayWebSocketProtocolTests {

	static final int LIMIT = 1024;

	static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.gateway.max-message-size=" + LIMIT);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static JsonNode json(String text) {
		return WsTestClient.JSON.readTree(text);
	}

	private static void assertVersionAnswered(RawWebSocket ws, int id) throws Exception {
		ws.sendText("{\"id\":" + id + ",\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}");
		JsonNode r = json(ws.readText());
		assertThat(r.get("id").asInt()).isEqualTo(id);
		assertThat(r.at("/result/protocol").asString()).isEqualTo("1.2.3");
	}

	@Test
	void requestsSentWithTheUpgradeRequestAreAnswered() throws Exception {
		ByteArrayOutputStream early = new ByteArrayOutputStream();
		for (int id = 1; id <= 3; id++) {
			early.write(RawWebSocket.frame(0x81, ("{\"id\":" + id + ",\"method\":\"version\",\"params\":"
					+ "{\"protocol\":\"1.2.3\"}}").getBytes(StandardCharsets.UTF_8), true));
		}
		try (RawWebSocket ws = RawWebSocket.connect(app.port(), "", 0, early.toByteArray())) {
			for (int id = 1; id <= 3; id++) {
				JsonNode r = json(ws.readText());
				assertThat(r.get("id").asInt()).isEqualTo(id);
				assertThat(r.at("/result/protocol").asString()).isEqualTo("1.2.3");
			}
			assertVersionAnswered(ws, 4);
		}
	}

	@Test
	void socketsAreReadByTheReadLoops() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			assertVersionAnswered(ws, 1);
			assertThat(Thread.getAllStackTraces().keySet()).map(Thread::getName)
				.anyMatch(name -> name.startsWith("resgate-ws-read-"));
		}
	}

	@Test
	void aPeerGoneWithoutACloseFrameEndsItsConnection() throws Exception {
		// the connections of the tests before are gone (some close only after the close timeout)
		await().atMost(Duration.ofSeconds(5)).until(() -> app.gateway().connectionCount() == 0);
		RawWebSocket ws = RawWebSocket.connect(app.port());
		assertVersionAnswered(ws, 1);
		assertThat(app.gateway().connectionCount()).isEqualTo(1);
		ws.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> app.gateway().connectionCount() == 0);
	}

	@Test
	void pingIsAnsweredWithPongCarryingItsPayload() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(true, 9, "are you there".getBytes(StandardCharsets.UTF_8));
			RawWebSocket.Frame pong = ws.read();
			assertThat(pong.opcode()).isEqualTo(10);
			assertThat(pong.text()).isEqualTo("are you there");
			assertVersionAnswered(ws, 1);
		}
	}

	@Test
	void fragmentedMessageWithInterleavedPingIsAssembled() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(false, 1, "{\"id\":5,\"meth".getBytes(StandardCharsets.UTF_8));
			ws.send(true, 9, new byte[0]);
			ws.send(false, 0, "od\":\"version\",\"params\":".getBytes(StandardCharsets.UTF_8));
			ws.send(true, 0, "{\"protocol\":\"1.2.3\"}}".getBytes(StandardCharsets.UTF_8));
			assertThat(ws.read().opcode()).isEqualTo(10);
			JsonNode r = json(ws.readText());
			assertThat(r.get("id").asInt()).isEqualTo(5);
			assertThat(r.at("/result/protocol").asString()).isEqualTo("1.2.3");
		}
	}

	@Test
	void requestInAMessageOverTheLimitInOnePieceIsAnswered() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			String big = "{\"id\":7,\"method\":\"call.test.model.set\",\"params\":{\"pad\":\"" + "x".repeat(2 * LIMIT) + "\"}}";
			ws.sendText(big);
			JsonNode r = json(ws.readText());
			assertThat(r.get("id").asInt()).isEqualTo(7);
			assertThat(r.at("/error/code").asString()).isEqualTo("system.invalidRequest");
			assertThat(r.at("/error/message").asString()).isEqualTo("Message too large");
			// the connection stays open
			assertVersionAnswered(ws, 8);
		}
	}

	@Test
	void requestInAFragmentedMessageOverTheLimitIsAnswered() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(false, 1, "{\"id\":9,\"method\":\"call.test.model.set\",\"params\":{\"pad\":\"".getBytes(StandardCharsets.UTF_8));
			for (int i = 0; i < 4; i++) {
				ws.send(false, 0, "y".repeat(LIMIT / 2).getBytes(StandardCharsets.UTF_8));
			}
			ws.send(true, 0, "\"}}".getBytes(StandardCharsets.UTF_8));
			JsonNode r = json(ws.readText());
			assertThat(r.get("id").asInt()).isEqualTo(9);
			assertThat(r.at("/error/code").asString()).isEqualTo("system.invalidRequest");
			assertVersionAnswered(ws, 10);
		}
	}

	@Test
	void messageAtTheLimitIsAccepted() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			String head = "{\"id\":11,\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\",\"pad\":\"";
			String tail = "\"}}";
			ws.sendText(head + "z".repeat(LIMIT - head.length() - tail.length()) + tail);
			JsonNode r = json(ws.readText());
			assertThat(r.get("id").asInt()).isEqualTo(11);
			assertThat(r.has("error")).as(r.toString()).isFalse();
		}
	}

	@Test
	void unmaskedFrameClosesWithProtocolError() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.sendFrame(0x81, "{\"id\":1,\"method\":\"version\"}".getBytes(StandardCharsets.UTF_8), false);
			RawWebSocket.Frame close = ws.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1002);
			assertThat(ws.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void reservedBitWithoutCompressionClosesWithProtocolError() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.sendFrame(0x80 | 0x40 | 1, "{}".getBytes(StandardCharsets.UTF_8), true);
			assertThat(ws.readUntilClose().closeCode()).isEqualTo(1002);
		}
	}

	@Test
	void continuationOutsideAMessageClosesWithProtocolError() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(true, 0, "{}".getBytes(StandardCharsets.UTF_8));
			assertThat(ws.readUntilClose().closeCode()).isEqualTo(1002);
		}
	}

	@Test
	void invalidUtf8InTextClosesWithInvalidData() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(true, 1, new byte[] { '{', '"', (byte) 0xc3, (byte) 0x28, '"', '}' });
			assertThat(ws.readUntilClose().closeCode()).isEqualTo(1007);
			assertThat(ws.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void closeFrameIsEchoedWithItsCodeAndTheConnectionClosed() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			assertVersionAnswered(ws, 1);
			ws.send(true, 8, new byte[] { 0x03, (byte) 0xe8, 'b', 'y', 'e' });
			RawWebSocket.Frame close = ws.read();
			assertThat(close.opcode()).isEqualTo(8);
			assertThat(close.closeCode()).isEqualTo(1000);
			assertThat(ws.awaitEndOfStream()).isTrue();
		}
	}

	@Test
	void invalidCloseCodeIsAProtocolError() throws Exception {
		try (RawWebSocket ws = RawWebSocket.connect(app.port())) {
			ws.send(true, 8, new byte[] { 0x03, (byte) 0xed });
			assertThat(ws.read().closeCode()).isEqualTo(1002);
		}
	}
}
