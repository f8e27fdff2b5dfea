package io.resgate.spring.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.nats.client.Options;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A flood of events to a client that reads slowly but keeps reading, over a real WebSocket and
 * NATS, with a small outbound bound: the client is not closed and ends on the service's state.
 */
class GatewaySlowClientTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static GatewayTestApp.Running app;

	private static NatsMessaging serviceConnection;

	@BeforeAll
	static void start() throws Exception {
		app = GatewayTestApp.start("resgate.nats.url=" + nats.url(), "resgate.gateway.outbound-queue-bytes=16KB");
		serviceConnection = NatsMessaging.connect(new Options.Builder().server(nats.url()));
	}

	@AfterAll
	static void stop() {
		serviceConnection.close();
		app.close();
	}

	/**
	 * A client that reads a frame only when asked to ({@link #next()}): while it is not asked, the
	 * socket is not read and the gateway's writes back up.
	 */
	static final class PullClient implements AutoCloseable {

		private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

		private final CompletableFuture<Integer> closed = new CompletableFuture<>();

		private final WebSocket ws;

		private int ids;

		PullClient(URI uri) {
			this.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
				private final StringBuilder text = new StringBuilder();

				@Override
				public void onOpen(WebSocket webSocket) {
				}

				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					text.append(data);
					if (last) {
						frames.add(WsTestClient.JSON.readTree(text.toString()));
						text.setLength(0);
					}
					else {
						webSocket.request(1);
					}
					return null;
				}

				@Override
				public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
					closed.complete(statusCode);
					return null;
				}

				@Override
				public void onError(WebSocket webSocket, Throwable error) {
					closed.complete(-1);
				}
			}).join();
		}

		long send(String method, String params) {
			long id = ++ids;
			ws.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\""
					+ ((params == null) ? "" : ",\"params\":" + params) + "}", true).join();
			return id;
		}

		/** Reads the next frame; fails if the connection closes or nothing comes within 10 s. */
		JsonNode next() throws InterruptedException {
			ws.request(1);
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
			while (System.nanoTime() < deadline) {
				JsonNode f = frames.poll(50, TimeUnit.MILLISECONDS);
				if (f != null) {
					return f;
				}
				if (closed.isDone()) {
					fail("closed by the gateway with " + closed.join());
				}
			}
			fail("no frame within 10 s");
			return null;
		}

		boolean isClosed() {
			return closed.isDone();
		}

		@Override
		public void close() {
			ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
		}
	}

	/** The model and collection as the client holds them, applying the events it reads. */
	static final class Held {
		final Map<String, JsonNode> model = new TreeMap<>();

		final List<JsonNode> collection = new ArrayList<>();

		int events;

		void apply(JsonNode frame) {
			String event = frame.get("event").asString();
			JsonNode d = frame.get("data");
			events++;
			switch (event) {
				case "flood.model.change" -> d.get("values").properties().forEach(e -> {
					if (e.getValue().isObject() && e.getValue().has("action")) {
						model.remove(e.getKey());
					}
					else {
						model.put(e.getKey(), e.getValue());
					}
				});
				case "flood.list.add" -> collection.add(d.get("idx").asInt(), d.get("value"));
				case "flood.list.remove" -> collection.remove(d.get("idx").asInt());
				default -> fail("unexpected event " + frame);
			}
		}
	}

	@Test
	void aClientThatReadsSlowlyButKeepsReadingIsNotClosedByAFloodAndEndsOnTheServiceState() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		try (ServiceStub service = new ServiceStub(serviceConnection); PullClient c = new PullClient(app.wsUri())) {
			c.send("version", "{\"protocol\":\"1.2.3\"}");
			assertThat(c.next().has("result")).isTrue();
			Held held = new Held();
			long id = c.send("subscribe.flood.model", null);
			List<ServiceStub.Request> reqs = service.nextParallel(2);
			ServiceStub.pick(reqs, "access.flood.model").result("{\"get\":true}");
			ServiceStub.pick(reqs, "get.flood.model").result("{\"model\":{\"n\":0,\"s\":\"\",\"gone\":true}}");
			JsonNode r = c.next();
			assertThat(r.get("id").asLong()).isEqualTo(id);
			r.get("result").get("models").get("flood.model").properties().forEach(e -> held.model.put(e.getKey(), e.getValue()));
			id = c.send("subscribe.flood.list", null);
			reqs = service.nextParallel(2);
			ServiceStub.pick(reqs, "access.flood.list").result("{\"get\":true}");
			ServiceStub.pick(reqs, "get.flood.list").result("{\"collection\":[\"a\",\"b\",\"c\"]}");
			r = c.next();
			assertThat(r.get("id").asLong()).isEqualTo(id);
			r.get("result").get("collections").get("flood.list").forEach(held.collection::add);

			// The service's state, as it publishes the flood.
			Map<String, JsonNode> model = new TreeMap<>(held.model);
			List<JsonNode> list = new ArrayList<>(held.collection);
			long conflatedBefore = gateway.stats().eventsConflated();
			String filler = "x".repeat(1000);
			int published = 0;
			int i = 0;
			// The client reads nothing while the service publishes, until the gateway has conflated
			// events for it for a while (the socket buffers take some megabytes first).
			int moreAfterConflation = 2000;
			while (moreAfterConflation > 0) {
				i++;
				String s = filler + i;
				service.publish("event.flood.model.change", "{\"values\":{\"n\":" + i + ",\"s\":\"" + s + "\""
						+ ((i == 5) ? ",\"gone\":{\"action\":\"delete\"}" : "") + "}}");
				model.put("n", JsonNodeFactory.instance.numberNode(i));
				model.put("s", JsonNodeFactory.instance.stringNode(s));
				model.remove("gone");
				if (i % 2 == 1 || list.isEmpty()) {
					int idx = i % (list.size() + 1);
					service.publish("event.flood.list.add", "{\"idx\":" + idx + ",\"value\":" + i + "}");
					list.add(idx, JsonNodeFactory.instance.numberNode(i));
				}
				else {
					int idx = i % list.size();
					service.publish("event.flood.list.remove", "{\"idx\":" + idx + "}");
					list.remove(idx);
				}
				published += 2;
				if (gateway.stats().eventsConflated() > conflatedBefore) {
					moreAfterConflation--;
				}
				assertThat(i).as("events published before the gateway conflated any").isLessThan(50_000);
			}
			assertThat(c.isClosed()).isFalse();

			// Now it reads, and ends on the service's state with fewer events than were published.
			while (!(held.model.equals(model) && held.collection.equals(list))) {
				held.apply(c.next());
			}
			assertThat(held.events).isLessThan(published);
			// Whatever else was on its way keeps it there, and the connection still serves requests.
			long ping = c.send("version", "{\"protocol\":\"1.2.3\"}");
			JsonNode f = c.next();
			while (!f.has("id")) {
				held.apply(f);
				f = c.next();
			}
			assertThat(f.get("id").asLong()).isEqualTo(ping);
			assertThat(held.model).isEqualTo(model);
			assertThat(held.collection).isEqualTo(list);
			assertThat(c.isClosed()).isFalse();
		}
	}
}
