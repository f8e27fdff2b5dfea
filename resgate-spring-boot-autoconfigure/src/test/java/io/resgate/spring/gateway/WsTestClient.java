package io.resgate.spring.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A RES client over a real WebSocket for tests: sends requests and collects every frame it
 * receives, in order.
 */
public final class WsTestClient implements AutoCloseable {

	static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final AtomicLong ids = new AtomicLong();

	private final WebSocket ws;

	private WsTestClient(URI uri, String... headers) {
		WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		for (int i = 0; i + 1 < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		this.ws = builder
				.buildAsync(uri, new WebSocket.Listener() {
					private final StringBuilder text = new StringBuilder();

					@Override
					public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
						text.append(data);
						if (last) {
							frames.add(JSON.readTree(text.toString()));
							text.setLength(0);
						}
						webSocket.request(1);
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

	/**
	 * Connects.
	 * @param uri the WebSocket URI
	 * @return the client
	 */
	public static WsTestClient connect(URI uri) {
		return new WsTestClient(uri);
	}

	/**
	 * Connects with extra headers on the upgrade request.
	 * @param uri the WebSocket URI
	 * @param headers header names and values, alternating
	 * @return the client
	 */
	public static WsTestClient connect(URI uri, String... headers) {
		return new WsTestClient(uri, headers);
	}

	/**
	 * Sends a raw text frame.
	 * @param text the frame
	 */
	public void sendRaw(String text) {
		ws.sendText(text, true).join();
	}

	/**
	 * Sends a request.
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the request ID
	 */
	public long send(String method, Object params) {
		long id = ids.incrementAndGet();
		ObjectNode n = JSON.createObjectNode();
		n.put("id", id);
		n.put("method", method);
		if (params != null) {
			n.set("params", (params instanceof String s) ? JSON.readTree(s) : JSON.valueToTree(params));
		}
		sendRaw(n.toString());
		return id;
	}

	/**
	 * Sends a request and waits for its response.
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the response frame
	 */
	public JsonNode request(String method, Object params) {
		long id = send(method, params);
		return response(id);
	}

	/**
	 * Waits for the next frame, which must be the response to a request.
	 * @param id the request ID
	 * @return the frame
	 */
	public JsonNode response(long id) {
		JsonNode f = next();
		assertThat(f.has("id")).as("expected a response but got %s", f).isTrue();
		assertThat(f.get("id").asLong()).isEqualTo(id);
		return f;
	}

	/**
	 * Waits for the next frame, which must be an event.
	 * @return the event frame
	 */
	public JsonNode event() {
		return event(TIMEOUT);
	}

	/**
	 * Waits for the next frame, which must be an event.
	 * @param timeout how long to wait at most
	 * @return the event frame
	 */
	public JsonNode event(Duration timeout) {
		JsonNode f = next(timeout);
		assertThat(f.has("event")).as("expected an event but got %s", f).isTrue();
		return f;
	}

	/** @return the next frame; fails after a timeout */
	public JsonNode next() {
		return next(TIMEOUT);
	}

	/**
	 * Waits for the next frame.
	 * @param timeout how long to wait at most
	 * @return the frame; fails after the timeout
	 */
	public JsonNode next(Duration timeout) {
		try {
			JsonNode f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (f == null) {
				fail("no frame received within " + timeout);
			}
			return f;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits for the next frame, or for the server to close the connection.
	 * @return the frame, or {@code null} if the connection closed with no frame left
	 */
	public JsonNode nextOrClosed() {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		try {
			while (System.nanoTime() < deadline) {
				JsonNode f = frames.poll(50, TimeUnit.MILLISECONDS);
				if (f != null) {
					return f;
				}
				if (closed.isDone() && frames.isEmpty()) {
					return null;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		fail("no frame received within " + TIMEOUT);
		return null;
	}

	/**
	 * Asserts that no frame arrives within a short time.
	 * @param wait how long to watch
	 */
	public void assertNoFrame(Duration wait) {
		try {
			JsonNode f = frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(f).as("unexpected frame").isNull();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits until the server closes the connection.
	 * @return the close status code
	 */
	public int awaitClosed() {
		return closed.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
	}

	/** @return whether the connection was closed */
	public boolean isClosed() {
		return closed.isDone();
	}

	@Override
	public void close() {
		if (!closed.isDone()) {
			try {
				ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				ws.abort();
			}
		}
	}
}
