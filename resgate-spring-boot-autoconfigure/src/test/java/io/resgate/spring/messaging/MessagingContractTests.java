package io.resgate.spring.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.protocol.PreResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The contract every {@link Messaging} implementation fulfils, run unchanged against NATS and the
 * in-process bus. {@code service} and {@code gateway} are two endpoints of the same messaging system
 * (two connections for NATS, the same bus in-process).
 */
abstract class MessagingContractTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	protected Messaging service;

	protected Messaging gateway;

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

	protected abstract Messaging connect() throws Exception;

	/** Takes the messaging system away from both endpoints and waits until both know it. */
	protected abstract void loseConnection() throws Exception;

	/** Brings the messaging system back and waits until both endpoints are connected again. */
	protected abstract void restoreConnection() throws Exception;

	@BeforeEach
	void connectBoth() throws Exception {
		service = connect();
		gateway = connect();
	}

	@AfterEach
	void closeBoth() {
		scheduler.shutdownNow();
		gateway.close();
		if (service != gateway) {
			service.close();
		}
	}

	private static byte[] bytes(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	private static String str(byte[] b) {
		return new String(b, StandardCharsets.UTF_8);
	}

	@Test
	void publishCarriesHeaders() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.headers.change", q::add);
		flush();
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		service.publish("event.test.headers.change", null, bytes("{}"),
				java.util.Map.of("traceparent", traceparent, "tracestate", "x=1"));
		service.publish("event.test.headers.change", bytes("{}"));
		Message m = q.poll(5, TimeUnit.SECONDS);
		assertThat(m).isNotNull();
		assertThat(m.header("traceparent")).isEqualTo(traceparent);
		assertThat(m.headers()).containsEntry("tracestate", "x=1").hasSize(2);
		Message plain = q.poll(5, TimeUnit.SECONDS);
		assertThat(plain).isNotNull();
		assertThat(plain.headers()).isEmpty();
		assertThat(plain.header("traceparent")).isNull();
	}

	@Test
	void requestCarriesHeaders() throws Exception {
		BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
		service.subscribe("get.test.headers", m -> {
			seen.add(m);
			service.publish(m.replyTo(), bytes("{\"result\":{}}"));
		});
		flush();
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		byte[] reply = gateway.request("get.test.headers", bytes("{}"), WAIT, java.util.Map.of("traceparent", traceparent))
			.get(5, TimeUnit.SECONDS);
		assertThat(str(reply)).isEqualTo("{\"result\":{}}");
		Message m = seen.poll(5, TimeUnit.SECONDS);
		assertThat(m).isNotNull();
		assertThat(m.header("traceparent")).isEqualTo(traceparent);
		assertThat(m.replyTo()).isNotNull();
	}

	@Test
	void publishReachesExactSubscriber() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.model.change", q::add);
		flush();
		service.publish("event.test.model.change", bytes("{\"values\":{}}"));
		Message m = q.poll(5, TimeUnit.SECONDS);
		assertThat(m).isNotNull();
		assertThat(m.subject()).isEqualTo("event.test.model.change");
		assertThat(str(m.data())).isEqualTo("{\"values\":{}}");
	}

	@Test
	void starMatchesExactlyOneToken() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		gateway.subscribe("get.test.*", q::add);
		flush();
		service.publish("get.test.a.b", bytes("1"));
		service.publish("get.test", bytes("2"));
		service.publish("get.test.a", bytes("3"));
		Message m = q.poll(5, TimeUnit.SECONDS);
		assertThat(str(m.data())).isEqualTo("3");
		assertNothingMore(q);
	}

	@Test
	void greaterThanMatchesOneOrMoreTrailingTokens() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.>", q::add);
		flush();
		service.publish("event.test", bytes("0"));
		service.publish("event.test.a", bytes("1"));
		service.publish("event.test.a.b.c", bytes("2"));
		service.publish("event.other.a", bytes("x"));
		assertThat(str(q.poll(5, TimeUnit.SECONDS).data())).isEqualTo("1");
		assertThat(str(q.poll(5, TimeUnit.SECONDS).data())).isEqualTo("2");
		assertNothingMore(q);
	}

	@Test
	void queueGroupDeliversEachMessageToOneMember() throws Exception {
		BlockingQueue<String> a = new LinkedBlockingQueue<>();
		BlockingQueue<String> b = new LinkedBlockingQueue<>();
		BlockingQueue<String> plain = new LinkedBlockingQueue<>();
		service.subscribe("call.test.>", "workers", m -> a.add(str(m.data())));
		gateway.subscribe("call.test.>", "workers", m -> b.add(str(m.data())));
		gateway.subscribe("call.test.>", m -> plain.add(str(m.data())));
		flush();
		for (int i = 0; i < 20; i++) {
			service.publish("call.test.m", bytes(Integer.toString(i)));
		}
		await().atMost(WAIT).until(() -> plain.size() == 20 && a.size() + b.size() == 20);
		List<String> all = new ArrayList<>(a);
		all.addAll(b);
		Collections.sort(all);
		assertThat(all).doesNotHaveDuplicates().hasSize(20);
	}

	@Test
	void unsubscribeStopsDelivery() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		MessageSubscription sub = gateway.subscribe("event.test.x", q::add);
		BlockingQueue<Message> marker = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.marker", marker::add);
		flush();
		sub.unsubscribe();
		sub.unsubscribe();
		flush();
		service.publish("event.test.x", bytes("lost"));
		service.publish("event.test.marker", bytes("m"));
		assertThat(marker.poll(5, TimeUnit.SECONDS)).isNotNull();
		assertThat(q).isEmpty();
	}

	@Test
	void messagesFromOnePublisherKeepTheirOrder() throws Exception {
		List<String> got = Collections.synchronizedList(new ArrayList<>());
		gateway.subscribe("event.order.>", m -> got.add(str(m.data())));
		flush();
		List<String> sent = new ArrayList<>();
		for (int i = 0; i < 2000; i++) {
			String s = Integer.toString(i);
			sent.add(s);
			service.publish((i % 2 == 0) ? "event.order.a" : "event.order.b.c", bytes(s));
		}
		await().atMost(WAIT).until(() -> got.size() == sent.size());
		assertThat(got).containsExactlyElementsOf(sent);
	}

	@Test
	void requestGetsReply() throws Exception {
		service.subscribe("get.test.model", m -> service.publish(m.replyTo(), bytes("{\"result\":{\"model\":{}}}")));
		flush();
		byte[] reply = gateway.request("get.test.model", bytes("{}"), WAIT).get(5, TimeUnit.SECONDS);
		assertThat(str(reply)).isEqualTo("{\"result\":{\"model\":{}}}");
	}

	@Test
	void requestWithoutRespondersFailsAtOnce() {
		long start = System.nanoTime();
		CompletableFuture<byte[]> f = gateway.request("get.nobody.here", bytes("{}"), Duration.ofSeconds(30));
		assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(NoRespondersException.class);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void requestTimesOutWhenNobodyAnswers() throws Exception {
		service.subscribe("get.test.silent", m -> {
		});
		flush();
		CompletableFuture<byte[]> f = gateway.request("get.test.silent", bytes("{}"), Duration.ofMillis(200));
		assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(RequestTimeoutException.class);
	}

	@Test
	void aShorterDeadlineThanOneInFlightStillTimesOutFirst() throws Exception {
		service.subscribe("get.test.silent", m -> {
		});
		flush();
		CompletableFuture<byte[]> longer = gateway.request("get.test.silent", bytes("{}"), Duration.ofSeconds(30));
		CompletableFuture<byte[]> shorter = gateway.request("get.test.silent", bytes("{}"), Duration.ofMillis(200));
		assertThatThrownBy(() -> shorter.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(RequestTimeoutException.class);
		assertThat(longer).isNotDone();
	}

	@Test
	void preResponseExtendsTheDeadline() throws Exception {
		service.subscribe("call.test.slow", m -> {
			service.publish(m.replyTo(), PreResponse.encode(Duration.ofSeconds(5)));
			scheduler.schedule(() -> service.publish(m.replyTo(), bytes("{\"result\":null}")), 600,
					TimeUnit.MILLISECONDS);
		});
		flush();
		CompletableFuture<byte[]> f = gateway.request("call.test.slow", bytes("{}"), Duration.ofMillis(200));
		assertThat(str(f.get(5, TimeUnit.SECONDS))).isEqualTo("{\"result\":null}");
	}

	@Test
	void preResponseCanShortenTheDeadline() throws Exception {
		service.subscribe("call.test.short", m -> service.publish(m.replyTo(), PreResponse.encode(Duration.ofMillis(100))));
		flush();
		CompletableFuture<byte[]> f = gateway.request("call.test.short", bytes("{}"), Duration.ofSeconds(30));
		assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(RequestTimeoutException.class);
	}

	@Test
	void eventPublishedBeforeReplyArrivesBeforeReply() throws Exception {
		List<String> seen = Collections.synchronizedList(new ArrayList<>());
		gateway.subscribe("event.test.model.>", m -> seen.add("event"));
		service.subscribe("call.test.model.set", m -> {
			service.publish("event.test.model.change", bytes("{\"values\":{\"a\":1}}"));
			service.publish(m.replyTo(), bytes("{\"result\":null}"));
		});
		flush();
		for (int i = 0; i < 50; i++) {
			gateway.request("call.test.model.set", bytes("{}"), WAIT).thenRun(() -> seen.add("reply")).get(5,
					TimeUnit.SECONDS);
		}
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			expected.add("event");
			expected.add("reply");
		}
		assertThat(seen).containsExactlyElementsOf(expected);
	}

	@Test
	void inboxesAreUniqueAndUsable() throws Exception {
		String a = service.newInbox();
		String b = service.newInbox();
		assertThat(a).isNotEqualTo(b);
		service.subscribe(a, m -> service.publish(m.replyTo(), bytes("{\"result\":{\"events\":[]}}")));
		flush();
		assertThat(str(gateway.request(a, bytes("{\"query\":\"q=1\"}"), WAIT).get(5, TimeUnit.SECONDS)))
			.isEqualTo("{\"result\":{\"events\":[]}}");
	}

	@Test
	void oversizedPayloadIsRefused() {
		byte[] big = new byte[(int) gateway.maxPayload() + 1];
		assertThatThrownBy(() -> gateway.publish("event.test.big", big)).isInstanceOf(MessagingException.class);
	}

	@Test
	void failingHandlerDoesNotStopDelivery() throws Exception {
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.boom", m -> {
			throw new IllegalStateException("handler failure (expected by the test)");
		});
		gateway.subscribe("event.test.after", q::add);
		flush();
		service.publish("event.test.boom", bytes("1"));
		service.publish("event.test.after", bytes("2"));
		assertThat(q.poll(5, TimeUnit.SECONDS)).isNotNull();
	}

	@Test
	void closedMessagingRefusesWork() throws Exception {
		Messaging m = connect();
		m.close();
		assertThat(m.isConnected()).isFalse();
		assertThatThrownBy(() -> m.publish("event.test.closed", bytes("1"))).isInstanceOf(MessagingException.class);
	}

	// --- Faults ---------------------------------------------------------------------------

	@Test
	void whileDisconnectedRequestsAndPublishesFailAtOnce() throws Exception {
		service.subscribe("get.test.down", m -> service.publish(m.replyTo(), bytes("{\"result\":1}")));
		flush();
		loseConnection();
		try {
			long start = System.nanoTime();
			CompletableFuture<byte[]> f = gateway.request("get.test.down", bytes("{}"), Duration.ofSeconds(30));
			assertThatThrownBy(() -> f.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(MessagingUnavailableException.class);
			assertThatThrownBy(() -> gateway.publish("event.test.down", bytes("{}")))
				.isInstanceOf(MessagingUnavailableException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
			assertThat(gateway.isConnected()).isFalse();
			assertThat(gateway.describe()).isNotNull().doesNotContain("null");
		}
		finally {
			restoreConnection();
		}
		flush();
		assertThat(str(gateway.request("get.test.down", bytes("{}"), WAIT).get(5, TimeUnit.SECONDS)))
			.isEqualTo("{\"result\":1}");
	}

	@Test
	void requestInFlightFailsAtOnceWhenTheConnectionIsLost() throws Exception {
		service.subscribe("get.test.slow", m -> {
		});
		flush();
		CompletableFuture<byte[]> f = gateway.request("get.test.slow", bytes("{}"), Duration.ofSeconds(30));
		try {
			loseConnection();
			// answered once the loss is known, long before the request's own timeout
			assertThatThrownBy(() -> f.get(1, TimeUnit.SECONDS))
				.hasCauseInstanceOf(MessagingUnavailableException.class);
		}
		finally {
			restoreConnection();
		}
	}

	@Test
	void toldOncePerOutageAndSubscriptionsChangedMeanwhileApplyAfterwards() throws Exception {
		List<ConnectionEvent> events = Collections.synchronizedList(new ArrayList<>());
		gateway.addConnectionListener(events::add);
		BlockingQueue<Message> kept = new LinkedBlockingQueue<>();
		BlockingQueue<Message> dropped = new LinkedBlockingQueue<>();
		BlockingQueue<Message> added = new LinkedBlockingQueue<>();
		gateway.subscribe("event.test.kept", kept::add);
		MessageSubscription drop = gateway.subscribe("event.test.dropped", dropped::add);
		flush();
		loseConnection();
		try {
			drop.unsubscribe();
			gateway.subscribe("event.test.added", added::add);
			assertThat(events).containsExactly(ConnectionEvent.DISCONNECTED);
		}
		finally {
			restoreConnection();
		}
		assertThat(events).containsExactly(ConnectionEvent.DISCONNECTED, ConnectionEvent.RECONNECTED);
		flush();
		service.publish("event.test.dropped", bytes("1"));
		service.publish("event.test.kept", bytes("2"));
		service.publish("event.test.added", bytes("3"));
		assertThat(kept.poll(5, TimeUnit.SECONDS)).isNotNull();
		assertThat(added.poll(5, TimeUnit.SECONDS)).isNotNull();
		assertNothingMore(dropped);
	}

	/** Makes sure subscriptions made so far are active on the server before publishing. */
	protected void flush() throws Exception {
		String probe = "probe." + service.newInbox().replace("_INBOX.", "");
		BlockingQueue<Message> q = new LinkedBlockingQueue<>();
		MessageSubscription s = gateway.subscribe(probe, q::add);
		try {
			await().atMost(WAIT).until(() -> {
				service.publish(probe, bytes("p"));
				return q.poll(100, TimeUnit.MILLISECONDS) != null;
			});
		}
		finally {
			s.unsubscribe();
		}
	}

	private void assertNothingMore(BlockingQueue<Message> q) throws Exception {
		flush();
		assertThat(q).isEmpty();
	}
}
