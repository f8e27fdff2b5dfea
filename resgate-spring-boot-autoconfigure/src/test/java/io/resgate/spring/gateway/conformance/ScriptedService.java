package io.resgate.spring.gateway.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import io.resgate.spring.messaging.Message;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A RES service the test drives by hand: it records every request the gateway sends for its
 * resources ({@code get.>}, {@code access.>}, {@code call.>}, {@code auth.>} of its own name, and any
 * further subject the test listens to), lets the test await and answer them, and publishes
 * resource, connection and system events.
 */
final class ScriptedService implements AutoCloseable {

	/** How long to wait for an expected request. */
	static final Duration DEADLINE = Duration.ofSeconds(6);

	/** How long to watch for a request that should not come. */
	static final Duration QUIET = Duration.ofMillis(150);

	private final ServiceBus bus;

	private final Names names;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = lock.newCondition();

	private final LinkedList<ServiceRequest> pending = new LinkedList<>();

	private final List<AutoCloseable> subscriptions = new ArrayList<>();

	ScriptedService(ServiceBus bus, Names names) {
		this.bus = bus;
		this.names = names;
		for (String type : List.of("get", "access", "call", "auth")) {
			listen(type + "." + names.service());
			listen(type + "." + names.service() + ".>");
		}
	}

	/** Also records requests on another subject (such as a token reset or query subject). */
	ScriptedService listen(String subject) {
		subscriptions.add(bus.subscribe(names.of(subject), this::record));
		bus.flush();
		return this;
	}

	private void record(Message message) {
		ServiceRequest request;
		try {
			request = new ServiceRequest(bus, names, message.subject(), message.replyTo(), message.data());
		}
		catch (RuntimeException ex) {
			// keep unparsable requests visible too: recorded with their raw payload only
			request = new ServiceRequest(bus, names, message.subject(), message.replyTo(), new byte[0]);
		}
		lock.lock();
		try {
			pending.add(request);
			arrived.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Awaits the next request on the given subject ({@code test.} rewritten), leaving others queued. */
	ServiceRequest awaitRequest(String subject) {
		String expected = names.of(subject);
		return await(r -> r.subject().equals(expected), "a request on " + expected);
	}

	/** Awaits the next request, whatever its subject. */
	ServiceRequest nextRequest() {
		return await(r -> true, "any request");
	}

	/** Awaits the next request whose subject starts with the given prefix. */
	ServiceRequest awaitRequestStartingWith(String prefix) {
		String expected = names.of(prefix);
		return await(r -> r.subject().startsWith(expected), "a request on " + expected + "*");
	}

	private ServiceRequest await(Predicate<ServiceRequest> match, String what) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		lock.lock();
		try {
			while (true) {
				for (Iterator<ServiceRequest> it = pending.iterator(); it.hasNext();) {
					ServiceRequest r = it.next();
					if (match.test(r)) {
						it.remove();
						return r;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return fail("Timed out waiting for " + what + "; pending: " + pending);
				}
				arrived.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted");
		}
		finally {
			lock.unlock();
		}
	}

	/** @return whether a request has arrived that was not taken yet */
	boolean hasPendingRequest() {
		lock.lock();
		try {
			return !pending.isEmpty();
		}
		finally {
			lock.unlock();
		}
	}

	/** @return the next request if one arrives within the wait, else {@code null} */
	ServiceRequest pollRequest(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		lock.lock();
		try {
			while (pending.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				arrived.awaitNanos(left);
			}
			return pending.poll();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			lock.unlock();
		}
	}

	/** Asserts that no request is pending and none arrives within a short quiet period. */
	void assertNoRequest() {
		long deadline = System.nanoTime() + QUIET.toNanos();
		lock.lock();
		try {
			while (pending.isEmpty()) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				arrived.awaitNanos(left);
			}
			fail("Expected no request, got: " + pending);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
	}

	/** Asserts that no request on the given subject is pending or arrives within a short quiet period. */
	void assertNoRequest(String subject) {
		String expected = names.of(subject);
		long deadline = System.nanoTime() + QUIET.toNanos();
		lock.lock();
		try {
			while (true) {
				assertThat(pending).as("requests on " + expected).noneMatch(r -> r.subject().equals(expected));
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				arrived.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			lock.unlock();
		}
	}

	/** Publishes {@code event.<rid>.<event>} with a JSON payload ({@code null} for none). */
	void event(String rid, String event, String json) {
		publish("event." + names.of(rid) + "." + event, json);
	}

	/** Publishes a model change event {@code {"values":<values>}}. */
	void change(String rid, String values) {
		event(rid, "change", "{'values':" + values + "}");
	}

	/** Publishes a collection add event. */
	void add(String rid, int idx, String value) {
		event(rid, "add", "{'idx':" + idx + ",'value':" + value + "}");
	}

	/** Publishes a collection remove event. */
	void remove(String rid, int idx) {
		event(rid, "remove", "{'idx':" + idx + "}");
	}

	/** Publishes {@code conn.<cid>.token}. */
	void token(String cid, String token, String tid) {
		ObjectNode p = JsonNodeFactory.instance.objectNode();
		p.set("token", Json.expected(token == null ? "null" : token));
		if (tid != null) {
			p.put("tid", tid);
		}
		bus.publish("conn." + cid + ".token", null, Json.bytes(p));
	}

	/** Publishes {@code system.reset}. */
	void systemReset(String json) {
		publish("system.reset", json);
	}

	/** Publishes {@code system.tokenReset}. */
	void tokenReset(String json) {
		publish("system.tokenReset", json);
	}

	/** Publishes a JSON payload (single quotes allowed, {@code test.} rewritten) or an empty one. */
	void publish(String subject, String json) {
		bus.publish(names.of(subject), null, (json == null) ? new byte[0] : Json.bytes(names.of(json)));
	}

	/** Publishes raw bytes. */
	void publishRaw(String subject, byte[] payload) {
		bus.publish(names.of(subject), null, payload);
	}

	/** Makes sure what was published so far has reached the server. */
	void flush() {
		bus.flush();
	}

	@Override
	public void close() {
		for (AutoCloseable s : subscriptions) {
			try {
				s.close();
			}
			catch (Exception ex) {
				// closing anyway
			}
		}
		subscriptions.clear();
		lock.lock();
		try {
			pending.clear();
		}
		finally {
			lock.unlock();
		}
	}
}
