package io.resgate.spring.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks RES-Service to the sample's beans the way a gateway does: raw requests on the messaging system
 * and the raw JSON answers, plus the events they publish.
 */
final class ServiceWire implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Messaging messaging;

	private final JsonMapper json = JsonMapper.builder().build();

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	ServiceWire(Messaging messaging) {
		this.messaging = messaging;
	}

	/**
	 * Sends a request and waits for the answer.
	 * @param subject such as {@code get.library.books}
	 * @param payload the request payload as JSON
	 * @return the answer
	 */
	JsonNode request(String subject, String payload) throws Exception {
		byte[] answer = messaging.request(subject, payload.getBytes(StandardCharsets.UTF_8), TIMEOUT)
			.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
		return json.readTree(answer);
	}

	/**
	 * Collects the messages published on a subject (NATS wildcards allowed) from now on.
	 * @param subject the subject
	 * @return the queue the messages arrive on, as {@code subject + " " + payload}
	 */
	BlockingQueue<String> listen(String subject) {
		BlockingQueue<String> queue = new LinkedBlockingQueue<>();
		subscriptions.add(messaging.subscribe(subject,
				msg -> queue.add(msg.subject() + " " + new String(msg.data(), StandardCharsets.UTF_8))));
		return queue;
	}

	/**
	 * Parses JSON.
	 * @param text the JSON text
	 * @return the tree
	 */
	JsonNode json(String text) {
		return json.readTree(text);
	}

	/**
	 * Takes the next message of a queue, waiting at most {@link #TIMEOUT}.
	 * @param queue the queue
	 * @return the subject and the payload as JSON
	 */
	Published next(BlockingQueue<String> queue) throws InterruptedException {
		String msg = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (msg == null) {
			throw new AssertionError("No message within " + TIMEOUT);
		}
		int space = msg.indexOf(' ');
		return new Published(msg.substring(0, space), json.readTree(msg.substring(space + 1)));
	}

	@Override
	public void close() {
		subscriptions.forEach(MessageSubscription::unsubscribe);
	}

	record Published(String subject, JsonNode payload) {
	}
}
