package io.resgate.spring.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway core without Spring or WebSocket: connections with recording sinks on the in-process bus.
 */
class SharedEventFramesTests {

	private final LocalMessaging bus = new LocalMessaging();

	private final GatewayService gateway = new GatewayService(bus, new ResCodec(),
			new GatewaySettings(Duration.ofSeconds(2), Duration.ofMillis(50), 0, 0, 1000, null));

	private final BlockingQueue<Message> requests = new LinkedBlockingQueue<>();

	SharedEventFramesTests() {
		gateway.start();
		bus.subscribe("access.>", m -> bus.publish(m.replyTo(), "{\"result\":{\"get\":true}}".getBytes()));
		bus.subscribe("get.>", requests::add);
	}

	@AfterEach
	void close() {
		gateway.close();
		bus.close();
	}

	/** Records frames. */
	static final class Recorder implements ClientSink {
		final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();

		@Override
		public void send(byte[] frame) {
			frames.add(frame);
		}

		@Override
		public void disconnect(String reason) {
		}

		byte[] next() throws InterruptedException {
			byte[] f = frames.poll(2, TimeUnit.SECONDS);
			assertThat(f).as("a frame").isNotNull();
			return f;
		}
	}

	@Test
	void anEventIsEncodedOnceForAllSubscribedConnections() throws Exception {
		Recorder r1 = new Recorder();
		Recorder r2 = new Recorder();
		ClientConnection c1 = gateway.connect(r1, null);
		ClientConnection c2 = gateway.connect(r2, null);
		gateway.onFrame(c1, "{\"id\":1,\"method\":\"subscribe.shared.model\"}");
		Message get = requests.poll(2, TimeUnit.SECONDS);
		bus.publish(get.replyTo(), "{\"result\":{\"model\":{\"a\":1}}}".getBytes());
		assertThat(new String(r1.next(), StandardCharsets.UTF_8)).contains("\"models\"");
		gateway.onFrame(c2, "{\"id\":1,\"method\":\"subscribe.shared.model\"}");
		assertThat(new String(r2.next(), StandardCharsets.UTF_8)).contains("\"models\"");

		bus.publish("event.shared.model.change", "{\"values\":{\"a\":2}}".getBytes());
		byte[] e1 = r1.next();
		byte[] e2 = r2.next();
		assertThat(e1).isSameAs(e2);
		assertThat(new String(e1, StandardCharsets.UTF_8))
			.isEqualTo("{\"event\":\"shared.model.change\",\"data\":{\"values\":{\"a\":2}}}");
	}

	@Test
	void messagesDroppedResynchronizesCachedResources() throws Exception {
		Recorder r = new Recorder();
		ClientConnection c = gateway.connect(r, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"subscribe.resync.col\"}");
		bus.publish(requests.poll(2, TimeUnit.SECONDS).replyTo(), "{\"result\":{\"collection\":[1,2]}}".getBytes());
		r.next();
		gateway.cache().resync();
		Message get = requests.poll(2, TimeUnit.SECONDS);
		assertThat(get.subject()).isEqualTo("get.resync.col");
		bus.publish(get.replyTo(), "{\"result\":{\"collection\":[1,2,3]}}".getBytes());
		assertThat(new String(r.next(), StandardCharsets.UTF_8))
			.isEqualTo("{\"event\":\"resync.col.add\",\"data\":{\"idx\":2,\"value\":3}}");
	}
}
