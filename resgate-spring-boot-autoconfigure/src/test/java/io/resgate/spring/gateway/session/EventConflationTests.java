package io.resgate.spring.gateway.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.resgate.spring.gateway.cache.ResourceState;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which events a subscription lets a connection's queue conflate, and a flood through the gateway core
 * to a client whose writes complete only when the test says so.
 */
class EventConflationTests {

	private final LocalMessaging bus = new LocalMessaging();

	private final GatewayService gateway = new GatewayService(bus, new ResCodec(),
			new GatewaySettings(Duration.ofSeconds(2), Duration.ofMillis(50), 0, 0, 1000, null));

	private final BlockingQueue<Message> gets = new LinkedBlockingQueue<>();

	EventConflationTests() {
		gateway.start();
		bus.subscribe("access.>", m -> bus.publish(m.replyTo(), "{\"result\":{\"get\":true}}".getBytes()));
		bus.subscribe("get.>", gets::add);
	}

	@AfterEach
	void close() {
		gateway.close();
		bus.close();
	}

	/** One frame as the subscription sent it. */
	record Sent(String kind, String frame, ResourceState from, ResourceState to) {
	}

	/** Records how each frame was sent. */
	static final class Recorder implements ClientSink {
		final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();

		@Override
		public void send(byte[] frame) {
			sent.add(new Sent("response", text(frame), null, null));
		}

		@Override
		public void sendEvent(byte[] frame, ClientResource resource) {
			sent.add(new Sent("as is", text(frame), null, null));
		}

		@Override
		public boolean sendEvent(byte[] frame, ClientResource resource, ResourceState from, ResourceState to) {
			sent.add(new Sent("conflatable", text(frame), from, to));
			return true;
		}

		@Override
		public void disconnect(String reason) {
		}

		Sent next() throws InterruptedException {
			Sent s = sent.poll(2, TimeUnit.SECONDS);
			assertThat(s).as("a frame").isNotNull();
			return s;
		}
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

	private void serve(String rid, String result) throws InterruptedException {
		Message get = gets.poll(2, TimeUnit.SECONDS);
		assertThat(get).as("get." + rid).isNotNull();
		assertThat(get.subject()).isEqualTo("get." + rid);
		bus.publish(get.replyTo(), ("{\"result\":" + result + "}").getBytes(StandardCharsets.UTF_8));
	}

	private void publish(String subject, String payload) {
		bus.publish(subject, payload.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void valueEventsAreConflatableWithTheStatesBeforeAndAfterThem() throws Exception {
		Recorder r = new Recorder();
		ClientConnection c = gateway.connect(r, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"subscribe.ev.model\"}");
		serve("ev.model", "{\"model\":{\"a\":1,\"soft\":{\"rid\":\"ev.other\",\"soft\":true}}}");
		assertThat(r.next().kind()).isEqualTo("response");

		publish("event.ev.model.change", "{\"values\":{\"a\":2,\"soft\":{\"rid\":\"ev.x\",\"soft\":true}}}");
		Sent change = r.next();
		assertThat(change.kind()).isEqualTo("conflatable");
		assertThat(change.from().model().get("a").json().asInt()).isEqualTo(1);
		assertThat(change.to().model().get("a").json().asInt()).isEqualTo(2);
		assertThat(change.to().model().get("soft").rid()).isEqualTo("ev.x");
		assertThat(change.to().version()).isEqualTo(change.from().version() + 1);

		gateway.onFrame(c, "{\"id\":2,\"method\":\"subscribe.ev.col\"}");
		serve("ev.col", "{\"collection\":[\"x\"]}");
		assertThat(r.next().kind()).isEqualTo("response");
		publish("event.ev.col.add", "{\"idx\":1,\"value\":\"y\"}");
		Sent add = r.next();
		assertThat(add.kind()).isEqualTo("conflatable");
		assertThat(add.from().collection()).hasSize(1);
		assertThat(add.to().collection()).hasSize(2);
		publish("event.ev.col.remove", "{\"idx\":0}");
		Sent remove = r.next();
		assertThat(remove.kind()).isEqualTo("conflatable");
		assertThat(remove.from()).isSameAs(add.to());
	}

	@Test
	void eventsOnReferencesAndCustomEventsArriveAsTheyAre() throws Exception {
		Recorder r = new Recorder();
		ClientConnection c = gateway.connect(r, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"subscribe.ev.parent\"}");
		serve("ev.parent", "{\"model\":{\"a\":1}}");
		assertThat(r.next().kind()).isEqualTo("response");

		publish("event.ev.parent.change", "{\"values\":{\"child\":{\"rid\":\"ev.child\"}}}");
		serve("ev.child", "{\"model\":{\"b\":1}}");
		Sent withResource = r.next();
		assertThat(withResource.kind()).isEqualTo("as is");
		assertThat(withResource.frame()).contains("\"models\"");

		publish("event.ev.parent.change", "{\"values\":{\"again\":{\"rid\":\"ev.child\"}}}");
		assertThat(r.next()).extracting(Sent::kind).as("a reference to a resource the client has").isEqualTo("as is");
		publish("event.ev.parent.change", "{\"values\":{\"child\":2}}");
		assertThat(r.next()).extracting(Sent::kind).as("a reference replaced").isEqualTo("as is");
		publish("event.ev.parent.ping", "{\"n\":1}");
		assertThat(r.next()).extracting(Sent::kind).as("a custom event").isEqualTo("as is");

		gateway.onFrame(c, "{\"id\":2,\"method\":\"subscribe.ev.refs\"}");
		serve("ev.refs", "{\"collection\":[{\"rid\":\"ev.child\"}]}");
		assertThat(r.next().kind()).isEqualTo("response");
		publish("event.ev.refs.add", "{\"idx\":1,\"value\":{\"rid\":\"ev.child\"}}");
		assertThat(r.next()).extracting(Sent::kind).as("a reference added").isEqualTo("as is");
		publish("event.ev.refs.remove", "{\"idx\":0}");
		assertThat(r.next()).extracting(Sent::kind).as("a reference removed").isEqualTo("as is");
		publish("event.ev.refs.delete", "null");
		Sent delete = r.next();
		assertThat(delete.kind()).isEqualTo("as is");
		assertThat(delete.frame()).startsWith("{\"event\":\"ev.refs.delete\"");
	}

	/** A transport whose writes complete only when the test says so; safe across threads. */
	static final class HeldWriter implements FrameWriter {
		private final List<byte[]> written = new ArrayList<>();

		private final List<byte[]> inProgress = new ArrayList<>();

		private Consumer<Throwable> done;

		volatile String closed;

		@Override
		public synchronized void write(List<byte[]> frames, Consumer<Throwable> done) {
			inProgress.addAll(frames);
			this.done = done;
		}

		/** Completes the write in progress, if any, and keeps its frames as read by the client. */
		void complete() {
			Consumer<Throwable> d;
			synchronized (this) {
				d = done;
				done = null;
				written.addAll(inProgress);
				inProgress.clear();
			}
			if (d != null) {
				d.accept(null);
			}
		}

		synchronized List<byte[]> written() {
			return List.copyOf(written);
		}

		@Override
		public void close(int code, String reason) {
			closed = code + " " + reason;
		}
	}

	@Test
	void aFloodToAClientThatReadsSlowlyEndsOnTheCachedStateWithFewerEvents() throws Exception {
		HeldWriter w = new HeldWriter();
		OutboundQueue q = new OutboundQueue(w, Runnable::run, 2048);
		ClientConnection c = gateway.connect(q, null);
		gateway.onFrame(c, "{\"id\":1,\"method\":\"subscribe.flood.model\"}");
		serve("flood.model", "{\"model\":{\"n\":0,\"s\":\"\",\"gone\":true}}");
		gateway.onFrame(c, "{\"id\":2,\"method\":\"subscribe.flood.col\"}");
		serve("flood.col", "{\"collection\":[\"a\",\"b\",\"c\"]}");
		await().atMost(Duration.ofSeconds(2)).until(() -> {
			w.complete();
			return w.written().size() == 2;
		});
		ClientView model = new ClientView("flood.model", gateway.cache().state("flood.model"));
		ClientView col = new ClientView("flood.col", gateway.cache().state("flood.col"));

		int events = 0;
		for (int i = 1; i <= 3000; i++) {
			publish("event.flood.model.change", "{\"values\":{\"n\":" + i + ",\"s\":\"" + "x".repeat(i % 40) + "\""
					+ ((i == 10) ? ",\"gone\":{\"action\":\"delete\"}" : "") + "}}");
			publish((i % 3 == 0) ? "event.flood.col.remove" : "event.flood.col.add",
					(i % 3 == 0) ? "{\"idx\":" + (i % 5) + "}" : "{\"idx\":" + (i % 4) + ",\"value\":" + i + "}");
			events += 2;
			if (i % 500 == 0) {
				w.complete();
			}
		}
		int[] applied = { 0 };
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			w.complete();
			List<byte[]> written = w.written();
			for (; applied[0] < written.size(); applied[0]++) {
				model.apply(written.get(applied[0]));
				col.apply(written.get(applied[0]));
			}
			ResourceState m = gateway.cache().state("flood.model");
			ResourceState l = gateway.cache().state("flood.col");
			return m.version() == 3000 && l.version() == 3000 && model.matches(m) && col.matches(l);
		});
		assertThat(w.closed).isNull();
		assertThat(model.events + col.events).isLessThan(events);
		assertThat(q.conflatedEvents()).isPositive();
		assertThat(gateway.stats().eventsConflated()).isEqualTo(q.conflatedEvents());
		assertThat(gateway.stats().resyncs()).isPositive().isLessThan(gateway.stats().eventsConflated());
	}
}
