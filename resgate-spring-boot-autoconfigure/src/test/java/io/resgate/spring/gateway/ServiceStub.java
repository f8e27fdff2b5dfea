package io.resgate.spring.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A scripted RES service for tests: records every access, get, call and auth request it receives
 * and lets the test answer them and publish events.
 */
public final class ServiceStub implements AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Messaging messaging;

	private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	/** A received request. */
	public final class Request {
		final String subject;

		final String replyTo;

		final JsonNode payload;

		Request(String subject, String replyTo, JsonNode payload) {
			this.subject = subject;
			this.replyTo = replyTo;
			this.payload = payload;
		}

		/** @return the subject */
		public String subject() {
			return subject;
		}

		/** @return the payload */
		public JsonNode payload() {
			return payload;
		}

		/**
		 * Sends a raw response.
		 * @param json the response JSON
		 */
		public void respond(String json) {
			messaging.publish(replyTo, json.getBytes());
		}

		/**
		 * Sends a success response.
		 * @param resultJson the result JSON
		 */
		public void result(String resultJson) {
			respond("{\"result\":" + resultJson + "}");
		}

		/**
		 * Sends an error response.
		 * @param code the error code
		 * @param message the message
		 */
		public void error(String code, String message) {
			respond("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}");
		}
	}

	/**
	 * Starts listening for gateway requests.
	 * @param messaging the messaging connection the service uses
	 */
	public ServiceStub(Messaging messaging) {
		this(messaging, "access.>", "get.>", "call.>", "auth.e2e.>");
	}

	/**
	 * Starts listening for requests on some subjects.
	 * @param messaging the messaging connection the service uses
	 * @param subjects the subjects, wildcards allowed
	 */
	public ServiceStub(Messaging messaging, String... subjects) {
		this.messaging = messaging;
		for (String subject : subjects) {
			subscriptions.add(messaging.subscribe(subject, m -> requests.add(new Request(m.subject(),
					m.replyTo(), (m.data().length == 0) ? null : WsTestClient.JSON.readTree(m.data())))));
		}
		awaitSubscribed();
	}

	/**
	 * Waits until the server has the subscriptions: a request on this connection to a subject it
	 * subscribed last is answered only after the server took the subscriptions sent before it.
	 */
	private void awaitSubscribed() {
		String ready = "_STUB_READY." + java.util.UUID.randomUUID().toString().replace("-", "");
		MessageSubscription s = messaging.subscribe(ready, m -> messaging.publish(m.replyTo(), new byte[0]));
		try {
			messaging.request(ready, new byte[0], TIMEOUT).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("service stub subscriptions not ready", ex);
		}
		finally {
			s.unsubscribe();
		}
	}

	/**
	 * Publishes an event.
	 * @param subject the subject
	 * @param json the payload
	 */
	public void publish(String subject, String json) {
		messaging.publish(subject, json.getBytes());
	}

	/** @return the next request; fails after a timeout */
	public Request next() {
		return next(TIMEOUT);
	}

	/**
	 * Waits for the next request.
	 * @param timeout how long to wait at most
	 * @return the request; fails after the timeout
	 */
	public Request next(Duration timeout) {
		try {
			Request r = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
			if (r == null) {
				fail("no service request received within " + timeout);
			}
			return r;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits for the next request, which must have the given subject.
	 * @param subject the subject
	 * @return the request
	 */
	public Request next(String subject) {
		Request r = next();
		assertThat(r.subject()).isEqualTo(subject);
		return r;
	}

	/**
	 * Takes the next {@code n} requests, which may arrive in any order, and returns the one with the subject.
	 * @param n how many requests to take
	 * @return the requests
	 */
	public List<Request> nextParallel(int n) {
		List<Request> list = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			list.add(next());
		}
		return list;
	}

	/**
	 * Picks a request by subject from a list.
	 * @param list the list
	 * @param subject the subject
	 * @return the request
	 */
	public static Request pick(List<Request> list, String subject) {
		return list.stream().filter(r -> r.subject().equals(subject)).findFirst()
				.orElseThrow(() -> new AssertionError("no request " + subject + " in " + list.stream().map(Request::subject).toList()));
	}

	/**
	 * Asserts that no request arrives within a short time.
	 * @param wait how long to watch
	 */
	public void assertNoRequest(Duration wait) {
		try {
			Request r = requests.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(r).as("unexpected request %s", (r == null) ? null : r.subject()).isNull();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		subscriptions.forEach(MessageSubscription::unsubscribe);
	}
}
