package io.resgate.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal RES-Client over {@code java.net.http.WebSocket}: sends requests and waits for their
 * responses; events are kept on their own queue.
 */
final class ResWebSocketClient implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();

	private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

	private final AtomicInteger ids = new AtomicInteger();

	private final WebSocket socket;

	ResWebSocketClient(URI uri) throws Exception {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(uri, new Listener())
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Sends a request and waits for its response.
	 * @param method such as {@code subscribe.library.books}
	 * @param params the params as JSON, or {@code null}
	 * @return the response ({@code result} or {@code error})
	 */
	JsonNode request(String method, String params) throws Exception {
		int id = ids.incrementAndGet();
		String frame = "{\"id\":" + id + ",\"method\":\"" + method + "\"" + (params == null ? "" : ",\"params\":" + params) + "}";
		socket.sendText(frame, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			JsonNode response = responses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (response == null) {
				throw new AssertionError("No response to " + frame + " within " + TIMEOUT);
			}
			if (response.get("id").asInt() == id) {
				return response;
			}
		}
	}

	/**
	 * The next event, waiting at most {@link #TIMEOUT}.
	 * @return {@code {"event":..., "data":...}}
	 */
	JsonNode nextEvent() throws InterruptedException {
		JsonNode event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (event == null) {
			throw new AssertionError("No event within " + TIMEOUT);
		}
		return event;
	}

	/**
	 * The next event of a name, skipping others, waiting at most {@link #TIMEOUT}.
	 * @param name such as {@code library.books.add}
	 * @return the event's data
	 */
	JsonNode nextEvent(String name) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (event == null) {
				throw new AssertionError("No event " + name + " within " + TIMEOUT);
			}
			if (event.get("event").asString().equals(name)) {
				return event.get("data");
			}
		}
	}

	@Override
	public void close() {
		socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder text = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			text.append(data);
			if (last) {
				JsonNode message = json.readTree(text.toString());
				text.setLength(0);
				(message.has("event") ? events : responses).add(message);
			}
			webSocket.request(1);
			return null;
		}
	}
}
