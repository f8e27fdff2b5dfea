package io.resgate.spring.gateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A scripted RES service for the HTTP API tests: records the access, get, call and auth requests
 * it receives on its own messaging connection, and lets the test answer them with raw JSON or
 * leave them to time out.
 */
final class ScriptedService implements AutoCloseable {

	private static final Duration WAIT = Duration.ofSeconds(5);

	static final ResCodec CODEC = new ResCodec();

	private final Messaging messaging;

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	ScriptedService(Messaging messaging) {
		this.messaging = messaging;
		for (String type : List.of("access", "get", "call", "auth")) {
			subscriptions.add(messaging.subscribe(type + ".>",
					m -> requests.add(new Request(m.subject(), m.replyTo(), CODEC.tree(m.data())))));
		}
	}

	/** A request the service received. */
	final class Request {

		private final String subject;

		private final String replyTo;

		private final JsonNode payload;

		Request(String subject, String replyTo, JsonNode payload) {
			this.subject = subject;
			this.replyTo = replyTo;
			this.payload = payload;
		}

		String subject() {
			return subject;
		}

		JsonNode payload() {
			return payload;
		}

		/**
		 * @param field a top-level payload field
		 * @return its value, or {@code null} if absent
		 */
		JsonNode field(String field) {
			return payload.get(field);
		}

		Request assertSubject(String expected) {
			assertThat(subject).isEqualTo(expected);
			return this;
		}

		/**
		 * Asserts a payload field as JSON; {@code null} means absent or JSON null.
		 * @param field the field
		 * @param json the expected JSON, or {@code null}
		 * @return this request
		 */
		Request assertField(String field, String json) {
			JsonNode v = payload.get(field);
			if (json == null) {
				assertThat(v == null || v.isNull()).as("%s of %s is %s", field, subject, v).isTrue();
			}
			else {
				assertThat(v).as("%s of %s", field, subject).isEqualTo(CODEC.tree(json.getBytes(StandardCharsets.UTF_8)));
			}
			return this;
		}

		void respond(String raw) {
			messaging.publish(replyTo, raw.getBytes(StandardCharsets.UTF_8));
		}

		void result(String json) {
			respond("{\"result\":" + json + "}");
		}

		void error(String code, String message) {
			respond("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
		}
	}

	/**
	 * Publishes an event.
	 * @param subject the subject
	 * @param json the payload
	 */
	void publish(String subject, String json) {
		messaging.publish(subject, json.getBytes(StandardCharsets.UTF_8));
	}

	Request next() {
		try {
			Request r = requests.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			if (r == null) {
				fail("no service request within " + WAIT);
			}
			return r;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param wait how long to wait
	 * @return the next request, or {@code null} if none came
	 */
	Request poll(Duration wait) {
		try {
			return requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	Request next(String subject) {
		return next().assertSubject(subject);
	}

	/**
	 * Takes requests that may come in any order.
	 * @param n how many
	 * @return them
	 */
	Parallel nextParallel(int n) {
		List<Request> list = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			list.add(next());
		}
		return new Parallel(list);
	}

	/** Requests that came in any order. */
	record Parallel(List<Request> requests) {

		Request get(String subject) {
			return requests.stream().filter(r -> r.subject().equals(subject)).findFirst()
				.orElseThrow(() -> new AssertionError(
						"no request " + subject + " in " + requests.stream().map(Request::subject).toList()));
		}
	}

	void assertNoRequest(Duration wait) {
		try {
			Request r = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(r).as("unexpected request %s", (r == null) ? null : r.subject()).isNull();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Forgets requests no test answered. */
	void drain() {
		requests.clear();
	}

	@Override
	public void close() {
		subscriptions.forEach(MessageSubscription::unsubscribe);
	}
}
