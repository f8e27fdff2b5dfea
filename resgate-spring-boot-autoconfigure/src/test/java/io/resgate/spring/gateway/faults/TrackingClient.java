package io.resgate.spring.gateway.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A RES client over a real WebSocket for fault tests: it keeps the counts of the items it is sent
 * (in responses and change events), times every request, and counts the times the gateway closed
 * it. Optionally it comes back after a close (a new WebSocket), as ResClient does; it is still the
 * same client for the counts.
 */
final class TrackingClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One request and when it was answered. */
	static final class Request {

		final String method;

		final long sentNanos = System.nanoTime();

		volatile long answeredNanos;

		final CompletableFuture<JsonNode> response = new CompletableFuture<>();

		Request(String method) {
			this.method = method;
		}

		/** @return how long it waited or has been waiting for its response */
		Duration waited() {
			long end = response.isDone() ? answeredNanos : System.nanoTime();
			return Duration.ofNanos(end - sentNanos);
		}

		/** @return the error code of the response, {@code (connection closed)} if none came, or {@code null} */
		String errorCode() {
			if (response.isCompletedExceptionally()) {
				return "(connection closed)";
			}
			JsonNode r = response.getNow(null);
			return (r == null || !r.has("error")) ? null : r.at("/error/code").asString();
		}
	}

	private final URI uri;

	private final HttpClient http;

	private final boolean comesBack;

	private final Map<String, Integer> counts = new ConcurrentHashMap<>();

	private final Map<Long, Request> pending = new ConcurrentHashMap<>();

	final Queue<Request> requests = new ConcurrentLinkedQueue<>();

	final Queue<JsonNode> otherEvents = new ConcurrentLinkedQueue<>();

	final AtomicInteger closedByGateway = new AtomicInteger();

	final Queue<String> closeReasons = new ConcurrentLinkedQueue<>();

	private final AtomicLong ids = new AtomicLong();

	private volatile WebSocket ws;

	private volatile boolean closing;

	/** The WebSocket the gateway closed last: nothing is sent on it any more. Written under this. */
	private WebSocket closedWs;

	private TrackingClient(URI uri, HttpClient http, boolean comesBack) {
		this.uri = uri;
		this.http = http;
		this.comesBack = comesBack;
	}

	/**
	 * Connects.
	 * @param uri the gateway's WebSocket URI
	 * @param http the client to connect with (shared by the clients of a test)
	 * @param comesBack whether to connect again after the gateway closed the connection
	 * @return the connected client
	 */
	static TrackingClient connect(URI uri, HttpClient http, boolean comesBack) {
		TrackingClient c = new TrackingClient(uri, http, comesBack);
		c.open().join();
		return c;
	}

	private CompletableFuture<WebSocket> open() {
		return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, new Listener())
			.thenApply(w -> {
				ws = w;
				return w;
			});
	}

	/** @return whether a WebSocket is open now */
	boolean isOpen() {
		WebSocket w = ws;
		return w != null && !w.isInputClosed() && !w.isOutputClosed();
	}

	/**
	 * Sends a request. One that cannot be sent (the WebSocket is closed) fails at once and is not
	 * counted in {@link #requests}.
	 * @param method the method
	 * @return the request, to be answered
	 */
	Request send(String method) {
		long id = ids.incrementAndGet();
		Request r = new Request(method);
		pending.put(id, r);
		try {
			synchronized (this) {
				WebSocket w = ws;
				if (w == closedWs) {
					// its close frame has arrived: the gateway reads nothing after it
					throw new IllegalStateException("closed by the gateway");
				}
				w.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\"}", true).join();
			}
			requests.add(r);
		}
		catch (RuntimeException ex) {
			// closed meanwhile: never reached the gateway, so not one of its requests
			pending.remove(id);
			r.response.completeExceptionally(ex);
		}
		return r;
	}

	/**
	 * Subscribes to the root and waits for the response.
	 * @return the response
	 */
	JsonNode subscribeRoot() {
		return send("subscribe." + FaultService.ROOT).response.orTimeout(10, TimeUnit.SECONDS).join();
	}

	/**
	 * Subscribes to the root, again after each {@code system.serviceUnavailable}, without waiting:
	 * as an application does after a reconnect while services are coming back.
	 * @param within how long to go on trying
	 */
	void subscribeRootUntilServed(Duration within) {
		long deadline = System.nanoTime() + within.toNanos();
		send("subscribe." + FaultService.ROOT).response.exceptionally(ex -> null).thenAccept(r -> {
			if (r == null) {
				return;
			}
			if ("system.serviceUnavailable".equals(r.at("/error/code").asString(null))
					&& System.nanoTime() < deadline) {
				CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)
					.execute(() -> subscribeRootUntilServed(Duration.ofNanos(deadline - System.nanoTime())));
			}
		});
	}

	/**
	 * Tells if the client has all counts of a snapshot or later ones (counts only grow).
	 * @param snapshot the service's counts at some moment
	 * @return whether it has caught up with them
	 */
	boolean hasAtLeast(int[] snapshot) {
		for (int i = 0; i < snapshot.length; i++) {
			Integer n = counts.get(FaultService.item(i));
			if (n == null || n < snapshot[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param exact the service's counts
	 * @return whether the client has exactly these counts
	 */
	boolean hasExactly(int[] exact) {
		for (int i = 0; i < exact.length; i++) {
			Integer n = counts.get(FaultService.item(i));
			if (n == null || n != exact[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * @param expected the service's counts
	 * @return the items whose count differs, as {@code item:client/service}, for failure messages
	 */
	String differences(int[] expected) {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < expected.length; i++) {
			Integer n = counts.get(FaultService.item(i));
			if (n == null || n != expected[i]) {
				sb.append(' ').append(i).append(':').append(n).append('/').append(expected[i]);
			}
		}
		return sb.toString();
	}

	/** @return the requests not answered yet */
	List<Request> unanswered() {
		return new ArrayList<>(pending.values());
	}

	private void onFrame(String text) {
		JsonNode f = JSON.readTree(text);
		if (f.has("id")) {
			Request r = pending.remove(f.get("id").asLong());
			if (r != null) {
				JsonNode models = f.at("/result/models");
				if (models.isObject()) {
					for (Map.Entry<String, JsonNode> e : models.properties()) {
						if (e.getValue().has("n")) {
							counts.put(e.getKey(), e.getValue().get("n").asInt());
						}
					}
				}
				r.answeredNanos = System.nanoTime();
				r.response.complete(f);
			}
			return;
		}
		String event = f.path("event").asString("");
		if (event.startsWith("fault.item.") && event.endsWith(".change")) {
			JsonNode n = f.at("/data/values/n");
			if (n.isInt()) {
				counts.put(event.substring(0, event.length() - ".change".length()), n.asInt());
			}
			return;
		}
		otherEvents.add(f);
	}

	private void onClosed(int code, String reason) {
		if (closing) {
			return;
		}
		synchronized (this) {
			// a request sent from now on would never be answered: send fails it instead
			closedWs = ws;
		}
		closedByGateway.incrementAndGet();
		closeReasons.add(code + " " + reason);
		for (Long id : new ArrayList<>(pending.keySet())) {
			Request r = pending.remove(id);
			if (r != null) {
				r.response.completeExceptionally(new IllegalStateException("closed: " + code + " " + reason));
			}
		}
		if (comesBack) {
			// as ResClient: connect again (the gateway accepts clients while NATS is down)
			CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> open().exceptionally(ex -> {
				closeReasons.add("reconnect failed: " + ex);
				return null;
			}));
		}
	}

	@Override
	public void close() {
		closing = true;
		WebSocket w = ws;
		if (w != null) {
			w.abort();
		}
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				onFrame(text.toString());
				text.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			onClosed(statusCode, reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			onClosed(-1, String.valueOf(error));
		}
	}
}
