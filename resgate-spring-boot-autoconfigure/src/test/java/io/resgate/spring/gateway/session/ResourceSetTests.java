package io.resgate.spring.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource sets and indirect subscriptions, on the gateway core with a fixed set of resources served
 * from the in-process bus.
 */
class ResourceSetTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Map<String, String> RESOURCES = Map.of(
			"rs.a", "{\"model\":{\"name\":\"a\",\"b\":{\"rid\":\"rs.b\"}}}",
			"rs.b", "{\"model\":{\"name\":\"b\",\"a\":{\"rid\":\"rs.a\"},\"missing\":{\"rid\":\"rs.missing\"}}}",
			"rs.soft", "{\"collection\":[{\"rid\":\"rs.a\",\"soft\":true},{\"data\":{\"x\":1}},{\"data\":2}]}");

	private final LocalMessaging bus = new LocalMessaging();

	private final GatewayService gateway = new GatewayService(bus, new ResCodec(),
			new GatewaySettings(Duration.ofSeconds(2), Duration.ZERO, 0, 0, 1000, null));

	private final BlockingQueue<String> gets = new LinkedBlockingQueue<>();

	ResourceSetTests() {
		gateway.start();
		bus.subscribe("access.>", m -> bus.publish(m.replyTo(), "{\"result\":{\"get\":true}}".getBytes()));
		bus.subscribe("get.>", m -> {
			String rid = m.subject().substring(4);
			gets.add(rid);
			String r = RESOURCES.get(rid);
			bus.publish(m.replyTo(), ((r == null) ? "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}"
					: "{\"result\":" + r + "}").getBytes());
		});
	}

	@AfterEach
	void close() {
		gateway.close();
		bus.close();
	}

	/** Records frames as JSON. */
	static final class Recorder implements ClientSink {
		final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

		@Override
		public void send(byte[] frame) {
			frames.add(JSON.readTree(new String(frame, StandardCharsets.UTF_8)));
		}

		@Override
		public void disconnect(String reason) {
		}

		JsonNode next() throws InterruptedException {
			JsonNode f = frames.poll(2, TimeUnit.SECONDS);
			assertThat(f).as("a frame").isNotNull();
			return f;
		}
	}

	private static JsonNode json(String s) {
		return JSON.readTree(s);
	}

	private static Set<String> subscribed(ClientConnection c) throws Exception {
		CompletableFuture<Set<String>> f = new CompletableFuture<>();
		c.enqueue(() -> f.complete(c.subscribedResources()));
		return f.get(2, TimeUnit.SECONDS);
	}

	@Test
	void cyclesAreSentOnceAndErrorsOfReferencesGoIntoErrors() throws Exception {
		Recorder r = new Recorder();
		ClientConnection c = gateway.connect(r, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"subscribe.rs.a\"}");
		assertThat(r.next()).isEqualTo(json("{\"id\":1,\"result\":{"
				+ "\"models\":{\"rs.a\":{\"name\":\"a\",\"b\":{\"rid\":\"rs.b\"}},"
				+ "\"rs.b\":{\"name\":\"b\",\"a\":{\"rid\":\"rs.a\"},\"missing\":{\"rid\":\"rs.missing\"}}},"
				+ "\"errors\":{\"rs.missing\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}}}"));
		assertThat(subscribed(c)).containsExactlyInAnyOrder("rs.a", "rs.b", "rs.missing");

		// The client has them all: subscribing to a referenced resource sends nothing new.
		gateway.onFrame(c, "{\"id\":2,\"method\":\"subscribe.rs.b\"}");
		assertThat(r.next()).isEqualTo(json("{\"id\":2,\"result\":{}}"));

		// Dropping the direct subscription of rs.a keeps the cycle alive through rs.b.
		gateway.onFrame(c, "{\"id\":3,\"method\":\"unsubscribe.rs.a\"}");
		assertThat(r.next()).isEqualTo(json("{\"id\":3}"));
		assertThat(subscribed(c)).containsExactlyInAnyOrder("rs.a", "rs.b", "rs.missing");

		// Dropping the last direct subscription drops the whole cycle.
		gateway.onFrame(c, "{\"id\":4,\"method\":\"unsubscribe.rs.b\"}");
		assertThat(r.next()).isEqualTo(json("{\"id\":4}"));
		assertThat(subscribed(c)).isEmpty();
	}

	@Test
	void softReferencesAreNotFollowedAndLegacyClientsSeeThemAsStrings() throws Exception {
		Recorder latest = new Recorder();
		ClientConnection c = gateway.connect(latest, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}");
		latest.next();
		gateway.onFrame(c, "{\"id\":2,\"method\":\"subscribe.rs.soft\"}");
		assertThat(latest.next()).isEqualTo(json("{\"id\":2,\"result\":{\"collections\":{\"rs.soft\":"
				+ "[{\"rid\":\"rs.a\",\"soft\":true},{\"data\":{\"x\":1}},2]}}}"));
		assertThat(gets).containsExactly("rs.soft");

		Recorder legacy = new Recorder();
		ClientConnection old = gateway.connect(legacy, null);
		gateway.onFrame(old, "{\"id\":1,\"method\":\"get.rs.soft\"}");
		assertThat(legacy.next()).isEqualTo(json("{\"id\":1,\"result\":{\"collections\":{\"rs.soft\":"
				+ "[\"rs.a\",\"[Data]\",2]}}}"));
		assertThat(subscribed(old)).isEmpty();
	}
}
