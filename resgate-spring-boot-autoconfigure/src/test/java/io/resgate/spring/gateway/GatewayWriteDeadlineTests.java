package io.resgate.spring.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.AbstractProtocol;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The write deadline ({@code resgate.gateway.write-timeout}, 1 s here): a client that stops reading
 * while events keep coming is closed once a write to it has waited past the deadline, with a close
 * frame (1008) that it sees when it reads again, even after its socket was closed, and one log line;
 * a client that keeps reading is not affected.
 */
@ExtendWith(OutputCaptureExtension.class)
class GatewayWriteDeadlineTests {

	private static final Duration DEADLINE = Duration.ofSeconds(1);

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		// a connection limit, so that Tomcat counts its open sockets
		app = GatewayTestApp.start("resgate.gateway.write-timeout=" + DEADLINE.toMillis() + "ms",
				"server.tomcat.max-connections=1000");
		Messaging service = app.messaging();
		service.subscribe("access.stall.>",
				m -> service.publish(m.replyTo(), "{\"result\":{\"get\":true}}".getBytes(StandardCharsets.UTF_8)));
		service.subscribe("get.stall.>",
				m -> service.publish(m.replyTo(), "{\"result\":{\"model\":{\"n\":0}}}".getBytes(StandardCharsets.UTF_8)));
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void stalledReaderIsClosedWithACloseFrameAndReadersAreNot(CapturedOutput output) throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		AtomicInteger published = new AtomicInteger();
		try (RawWebSocket stalled = RawWebSocket.connect(app.port(), "", 4096);
				WsTestClient reader = WsTestClient.connect(app.wsUri())) {
			stalled.sendText("{\"id\":1,\"method\":\"subscribe.stall.model\"}");
			assertThat(WsTestClient.JSON.readTree(stalled.readText()).get("id").asInt()).isEqualTo(1);
			reader.request("subscribe.stall.model", null);
			int open = gateway.connectionCount();
			long stalledBefore = gateway.stats().stalledReadersClosed();

			// the stalled client reads nothing more while changes of 64 KB keep coming, until its socket
			// buffers are full and a write to it waits past the deadline
			floodUntilClosed(gateway, open, published);

			// closed within the deadline plus the check period of its write having stalled
			await().atMost(Duration.ofSeconds(2)).until(() -> output.getAll().contains("has not read for"));
			Matcher m = Pattern.compile("has not read for (\\d+) ms").matcher(output.getAll());
			assertThat(m.find()).as("the close is logged").isTrue();
			assertThat(Long.parseLong(m.group(1))).isBetween(DEADLINE.toMillis(), DEADLINE.toMillis() + 2000);
			assertThat(m.find()).as("logged once").isFalse();
			assertThat(gateway.stats().stalledReadersClosed()).as("counted once").isEqualTo(stalledBefore + 1);
			assertThat(output.getAll()).doesNotContain("Exception");

			// when it reads again, it finds the close frame after what was already sent, then the end
			RawWebSocket.Frame close = stalled.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1008);
			assertThat(close.closeReason()).isEqualTo("write deadline exceeded");
			assertThat(stalled.awaitEndOfStream()).isTrue();

			// the reader was not held up: it ends on the last event and stays connected
			JsonNode last;
			do {
				last = reader.event();
			}
			while (last.at("/data/values/n").asInt() != published.get());
			assertThat(reader.isClosed()).isFalse();
			assertThat(reader.request("version", null).at("/result/protocol").asString()).isNotEmpty();
		}
	}

	@Test
	void peerThatReadsOnlyAfterItsSocketWasClosedFindsTheCloseFrame() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		try (RawWebSocket stalled = RawWebSocket.connect(app.port(), "", 4096)) {
			stalled.sendText("{\"id\":1,\"method\":\"subscribe.stall.model\"}");
			stalled.readText();
			int open = gateway.connectionCount();
			long sockets = tomcatConnections();
			floodUntilClosed(gateway, open, new AtomicInteger());
			// the socket is closed without the peer's help
			await().atMost(Duration.ofSeconds(5)).until(() -> tomcatConnections() == sockets - 1);

			// reading again, it finds what was sent, then the close frame (which went to the socket before it
			// was closed, not lost with it), then the end of the stream
			RawWebSocket.Frame close = stalled.readUntilClose();
			assertThat(close.closeCode()).isEqualTo(1008);
			assertThat(close.closeReason()).isEqualTo("write deadline exceeded");
			assertThat(stalled.awaitEndOfStream()).isTrue();
		}
	}

	/**
	 * Publishes changes of 64 KB to the model until the gateway has closed one of its connections:
	 * a client that does not read fills its socket buffers, and its write then waits past the deadline.
	 */
	private static void floodUntilClosed(GatewayService gateway, int open, AtomicInteger published) {
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
			int n = published.incrementAndGet();
			String pad = String.valueOf((char) ('a' + n % 26)).repeat(64 * 1024);
			app.messaging().publish("event.stall.model.change",
					("{\"values\":{\"n\":" + n + ",\"pad\":\"" + pad + "\"}}").getBytes(StandardCharsets.UTF_8));
			return gateway.connectionCount() == open - 1;
		});
	}

	private static long tomcatConnections() {
		Tomcat tomcat = ((TomcatWebServer) ((WebServerApplicationContext) app.context()).getWebServer()).getTomcat();
		return ((AbstractProtocol<?>) tomcat.getConnector().getProtocolHandler()).getConnectionCount();
	}
}
