package io.resgate.spring.gateway.conformance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A RES client over a real WebSocket: sends {@code {"id":n,"method":..,"params":..}}, matches
 * responses by id and takes events in the order they came, with deadlines.
 */
final class TestClient implements AutoCloseable {

	static final Duration DEADLINE = Duration.ofSeconds(6);

	private final Names names;

	private final WebSocket socket;

	private final AtomicInteger ids = new AtomicInteger();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition arrived = lock.newCondition();

	private final LinkedList<JsonNode> received = new LinkedList<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private TestClient(Names names, WebSocket.Builder builder, URI uri) {
		this.names = names;
		try {
			this.socket = builder.buildAsync(uri, new Listener()).get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new ConnectFailed(ex.getCause());
		}
		catch (InterruptedException | TimeoutException ex) {
			throw new ConnectFailed(ex);
		}
	}

	/** Thrown when the WebSocket cannot be opened. */
	static final class ConnectFailed extends RuntimeException {

		ConnectFailed(Throwable cause) {
			super("WebSocket connect failed: " + cause, cause);
		}
	}

	static TestClient connect(HttpClient http, URI uri, Names names, Map<String, String> headers) {
		WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
		headers.forEach(builder::header);
		return new TestClient(names, builder, uri);
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				String text = partial.toString();
				partial.setLength(0);
				JsonNode node;
				try {
					node = Json.received(text);
				}
				catch (RuntimeException ex) {
					node = JsonNodeFactory.instance.objectNode().put("__unparsable", text);
				}
				lock.lock();
				try {
					received.add(node);
					arrived.signalAll();
				}
				finally {
					lock.unlock();
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(statusCode);
			signal();
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(-1);
			signal();
		}

		private void signal() {
			lock.lock();
			try {
				arrived.signalAll();
			}
			finally {
				lock.unlock();
			}
		}
	}

	/** Sends a request; {@code params} is a JSON literal or {@code null} for none; {@code test.} is rewritten. */
	ClientRequest request(String method, String params) {
		int id = ids.incrementAndGet();
		ObjectNode req = JsonNodeFactory.instance.objectNode();
		req.put("id", id);
		req.put("method", names.of(method));
		if (params != null) {
			req.set("params", Json.expected(names.of(params)));
		}
		sendRaw(Json.text(req));
		return new ClientRequest(id, names.of(method));
	}

	/** Sends a request without params. */
	ClientRequest request(String method) {
		return request(method, null);
	}

	/** Sends a text frame as it is. */
	void sendRaw(String text) {
		try {
			socket.sendText(text, true).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("send failed: " + ex, ex);
		}
	}

	/** A request sent, whose response can be awaited. */
	final class ClientRequest {

		private final int id;

		private final String method;

		ClientRequest(int id, String method) {
			this.id = id;
			this.method = method;
		}

		int id() {
			return id;
		}

		/** Awaits the response with this request's id. */
		ClientResponse response() {
			JsonNode msg = take(m -> m.has("id") && m.get("id").isNumber() && m.get("id").asInt() == id,
					"response to " + method + " (id " + id + ")");
			return new ClientResponse(names, method, msg);
		}
	}

	/** Awaits the next message, whatever it is. */
	JsonNode nextMessage() {
		return take(m -> true, "a message");
	}

	/** @return whether a message with the given numeric id has arrived and was not taken yet */
	boolean hasMessageWithId(int id) {
		lock.lock();
		try {
			return received.stream().anyMatch(m -> m.has("id") && m.get("id").isNumber() && m.get("id").asInt() == id);
		}
		finally {
			lock.unlock();
		}
	}

	/** Awaits the message with the given numeric id. */
	JsonNode nextMessageWithId(int id) {
		return take(m -> m.has("id") && m.get("id").isNumber() && m.get("id").asInt() == id, "message with id " + id);
	}

	/** Like {@link #assertAlive()}, but first drops a response with the given id if one came. */
	void assertAliveIgnoring(int id) {
		ClientRequest barrier = request("unsubscribe." + names.service() + ".barrier");
		barrier.response().assertError("system.noSubscription");
		lock.lock();
		try {
			received.removeIf(m -> m.has("id") && m.get("id").isNumber() && m.get("id").asInt() == id);
		}
		finally {
			lock.unlock();
		}
	}

	/** @return the next event if one arrives within the wait, else {@code null} */
	JsonNode pollEvent(Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		lock.lock();
		try {
			while (true) {
				for (Iterator<JsonNode> it = received.iterator(); it.hasNext();) {
					JsonNode m = it.next();
					if (!m.has("id")) {
						it.remove();
						return m;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0 || closed.isDone()) {
					return null;
				}
				arrived.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			lock.unlock();
		}
	}

	/** Awaits the next event, whatever its name. */
	JsonNode nextEvent() {
		return take(m -> !m.has("id"), "an event");
	}

	/** Awaits the next event and asserts its name and data ({@code null} for no data). */
	TestClient assertEvent(String event, String data) {
		JsonNode ev = nextEvent();
		assertThat(ev.path("event").asString("")).as("event " + ev).isEqualTo(names.of(event));
		if (data == null) {
			assertThat(ev.has("data") && !ev.get("data").isNull()).as("data of " + ev).isFalse();
		}
		else {
			Json.assertJsonEquals(ev.get("data"), Json.expected(names.of(data)), "data of event " + ev.path("event").asString(""));
		}
		return this;
	}

	/** Awaits the next event, asserts its name and returns its data. */
	JsonNode eventData(String event) {
		JsonNode ev = nextEvent();
		assertThat(ev.path("event").asString("")).as("event " + ev).isEqualTo(names.of(event));
		return ev.get("data");
	}

	private JsonNode take(Predicate<JsonNode> match, String what) {
		long deadline = System.nanoTime() + DEADLINE.toNanos();
		lock.lock();
		try {
			while (true) {
				for (Iterator<JsonNode> it = received.iterator(); it.hasNext();) {
					JsonNode m = it.next();
					if (match.test(m)) {
						it.remove();
						return m;
					}
				}
				if (closed.isDone()) {
					return fail("Connection closed (" + closed.getNow(0) + ") while waiting for " + what + "; received: " + received);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return fail("Timed out waiting for " + what + "; received: " + received);
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

	/**
	 * Asserts that nothing arrived that the test did not take: sends a request that needs no service
	 * (an unsubscribe of a resource never subscribed) as a barrier, and checks that its error
	 * response is the only thing received.
	 */
	void assertNoMessage() {
		ClientRequest barrier = request("unsubscribe." + names.service() + ".barrier");
		JsonNode msg = take(m -> true, "barrier response");
		assertThat(msg.path("id").asInt(-1)).as("expected no message before the barrier, got " + msg).isEqualTo(barrier.id());
		assertThat(msg.path("error").path("code").asString("")).as("barrier response " + msg).isEqualTo("system.noSubscription");
	}

	/** Asserts that the connection is open and healthy by a round trip. */
	void assertAlive() {
		assertNoMessage();
	}

	/** Awaits the gateway closing the connection. */
	void awaitClosed() {
		try {
			closed.get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			fail("connection was not closed");
		}
	}

	boolean isClosed() {
		return closed.isDone();
	}

	@Override
	public void close() {
		if (!closed.isDone()) {
			socket.abort();
		}
	}
}
