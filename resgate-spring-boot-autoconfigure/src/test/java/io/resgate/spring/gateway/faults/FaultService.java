package io.resgate.spring.gateway.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Options;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessagingException;
import io.resgate.spring.messaging.NatsMessaging;

/**
 * A RES service for fault tests, written against the protocol: {@code fault.root} references
 * {@code fault.item.0} to {@code fault.item.N-1}, each a model {@code {"n":count}}. Counts only grow:
 * by a call {@code inc} or by the service's own changes ({@link #startChanges}), each announced with
 * a change event. While NATS is down the counts still change and the events are lost, as when a
 * backend changes meanwhile. It sends no {@code system.reset}: the gateway must find the changes
 * itself. Everyone may get and call.
 */
final class FaultService implements AutoCloseable {

	static final String ROOT = "fault.root";

	private final int[] counts;

	private final NatsMessaging messaging;

	private final ScheduledExecutorService changer = Executors.newSingleThreadScheduledExecutor();

	final AtomicLong eventsLost = new AtomicLong();

	final AtomicLong getRequests = new AtomicLong();

	final AtomicLong accessRequests = new AtomicLong();

	final AtomicLong callRequests = new AtomicLong();

	/**
	 * Connects to the servers, the first one first.
	 * @param items the number of items
	 * @param urls the server URLs, in order
	 */
	FaultService(int items, String... urls) throws Exception {
		this.counts = new int[items];
		this.messaging = NatsMessaging.connect(new Options.Builder().servers(urls).noRandomize()
			.reconnectWait(Duration.ofMillis(250)).maxReconnects(-1).connectionName("fault-service"));
		messaging.subscribe("access.fault.>", m -> {
			accessRequests.incrementAndGet();
			reply(m, "{\"result\":{\"get\":true,\"call\":\"*\"}}");
		});
		messaging.subscribe("get.fault.>", this::onGet);
		messaging.subscribe("call.fault.>", this::onCall);
	}

	static String item(int i) {
		return "fault.item." + i;
	}

	NatsMessaging messaging() {
		return messaging;
	}

	int items() {
		return counts.length;
	}

	/** @return the counts now */
	synchronized int[] snapshot() {
		return counts.clone();
	}

	/**
	 * Changes a random item's count at a steady rate, from now on.
	 * @param perSecond the changes per second
	 */
	void startChanges(int perSecond) {
		changer.scheduleAtFixedRate(() -> increment(ThreadLocalRandom.current().nextInt(counts.length)), 0,
				1_000_000 / perSecond, TimeUnit.MICROSECONDS);
	}

	void stopChanges() throws InterruptedException {
		changer.shutdownNow();
		changer.awaitTermination(5, TimeUnit.SECONDS);
	}

	private synchronized int increment(int i) {
		int n = ++counts[i];
		try {
			messaging.publish("event." + item(i) + ".change", json("{\"values\":{\"n\":" + n + "}}"));
		}
		catch (MessagingException ex) {
			eventsLost.incrementAndGet();
		}
		return n;
	}

	private void onGet(Message m) {
		getRequests.incrementAndGet();
		String name = m.subject().substring("get.".length());
		if (name.equals(ROOT)) {
			StringBuilder sb = new StringBuilder("{\"result\":{\"model\":{");
			for (int i = 0; i < counts.length; i++) {
				sb.append((i == 0) ? "" : ",").append("\"i").append(i).append("\":{\"rid\":\"").append(item(i))
					.append("\"}");
			}
			reply(m, sb.append("}}}").toString());
			return;
		}
		int i = index(name);
		if (i < 0) {
			reply(m, "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}");
			return;
		}
		synchronized (this) {
			reply(m, "{\"result\":{\"model\":{\"n\":" + counts[i] + "}}}");
		}
	}

	private void onCall(Message m) {
		callRequests.incrementAndGet();
		// call.fault.item.<i>.inc
		String rest = m.subject().substring("call.".length());
		int dot = rest.lastIndexOf('.');
		int i = index(rest.substring(0, dot));
		if (i < 0 || !rest.substring(dot + 1).equals("inc")) {
			reply(m, "{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}");
			return;
		}
		synchronized (this) {
			int n = increment(i);
			reply(m, "{\"result\":{\"n\":" + n + "}}");
		}
	}

	private int index(String name) {
		if (!name.startsWith("fault.item.")) {
			return -1;
		}
		try {
			int i = Integer.parseInt(name.substring("fault.item.".length()));
			return (i >= 0 && i < counts.length) ? i : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private void reply(Message m, String json) {
		try {
			messaging.publish(m.replyTo(), json(json));
		}
		catch (MessagingException ex) {
			// lost with the connection: the gateway has failed the request already
		}
	}

	private static byte[] json(String s) {
		return s.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws InterruptedException {
		stopChanges();
		messaging.close();
	}
}
