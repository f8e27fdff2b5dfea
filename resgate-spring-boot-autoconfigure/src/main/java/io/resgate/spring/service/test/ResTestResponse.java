package io.resgate.spring.service.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.protocol.PreResponse;
import io.resgate.spring.protocol.ResCodec;

/**
 * The response to a request sent with {@link ResTestClient}, with assertions. The first call that needs
 * the response waits for it (up to the client's timeout) and records any pre-responses before it.
 * Each assertion returns this response, so they can be chained.
 */
public final class ResTestResponse {

	private final ResCodec codec;

	private final String subject;

	private final BlockingQueue<byte[]> inbox;

	private final MessageSubscription subscription;

	private final Duration timeout;

	private final List<Duration> preResponses = new ArrayList<>();

	private byte[] payload;

	ResTestResponse(ResCodec codec, String subject, BlockingQueue<byte[]> inbox, MessageSubscription subscription,
			Duration timeout) {
		this.codec = codec;
		this.subject = subject;
		this.inbox = inbox;
		this.subscription = subscription;
		this.timeout = timeout;
	}

	private synchronized byte[] await() {
		if (payload != null) {
			return payload;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (true) {
				long left = deadline - System.nanoTime();
				byte[] m = (left <= 0) ? null : inbox.poll(left, TimeUnit.NANOSECONDS);
				if (m == null) {
					subscription.unsubscribe();
					throw new AssertionError("no response to " + subject + " within " + timeout);
				}
				if (m.length == 0) {
					subscription.unsubscribe();
					throw new AssertionError("no responders for " + subject);
				}
				if (PreResponse.isPreResponse(m)) {
					PreResponse.timeout(m).ifPresent(preResponses::add);
					continue;
				}
				payload = m;
				subscription.unsubscribe();
				return payload;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted waiting for the response to " + subject);
		}
	}

	/**
	 * Asserts that no response (and no pre-response) arrives within a time, as for access requests to
	 * resources whose access another service owns. An empty message (NATS' "no responders" status) is
	 * not a response.
	 * @param wait how long to wait
	 */
	public synchronized void assertNoResponse(Duration wait) {
		try {
			byte[] m = inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			if (m != null && m.length > 0) {
				throw new AssertionError("expected no response to " + subject + " but got "
						+ new String(m, StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			subscription.unsubscribe();
		}
	}

	/**
	 * Tells, without waiting, if a response (not just a pre-response) has arrived.
	 * @return whether the response is there
	 */
	public boolean received() {
		synchronized (this) {
			if (payload != null) {
				return true;
			}
		}
		return inbox.stream().anyMatch(m -> m.length > 0 && !PreResponse.isPreResponse(m));
	}

	/** @return the raw response payload */
	public byte[] payload() {
		return await().clone();
	}

	/** @return the response as text */
	public String text() {
		return new String(await(), StandardCharsets.UTF_8);
	}

	/** @return the response as JSON */
	public JsonNode json() {
		return codec.tree(await());
	}

	/** @return the timeouts of the pre-responses received before the response */
	public synchronized List<Duration> preResponses() {
		await();
		return List.copyOf(preResponses);
	}

	/**
	 * Asserts the exact response bytes, as go-res would send them.
	 * @param expected the expected JSON text
	 * @return this response
	 */
	public ResTestResponse assertPayload(String expected) {
		if (!Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), await())) {
			throw new AssertionError("expected response " + expected + " but got " + this);
		}
		return this;
	}

	private JsonNode member(String name) {
		JsonNode n = json();
		JsonNode m = n.get(name);
		if (m == null) {
			throw new AssertionError("expected a response with '" + name + "' but got " + this);
		}
		return m;
	}

	/**
	 * Asserts a successful response with the given result.
	 * @param expected the result (a record, map, list, JSON node, or {@code null})
	 * @return this response
	 */
	public ResTestResponse assertResult(Object expected) {
		JsonAssert.assertJson(codec, "result", expected, member("result"), toString());
		return this;
	}

	/**
	 * Asserts a get response with the given model.
	 * @param expected the model
	 * @return this response
	 */
	public ResTestResponse assertModel(Object expected) {
		JsonNode model = member("result").get("model");
		if (model == null) {
			throw new AssertionError("expected a model but got " + this);
		}
		JsonAssert.assertJson(codec, "model", expected, model, toString());
		return this;
	}

	/**
	 * Asserts a get response with the given collection.
	 * @param expected the collection
	 * @return this response
	 */
	public ResTestResponse assertCollection(Object expected) {
		JsonNode collection = member("result").get("collection");
		if (collection == null) {
			throw new AssertionError("expected a collection but got " + this);
		}
		JsonAssert.assertJson(codec, "collection", expected, collection, toString());
		return this;
	}

	/**
	 * Asserts the normalized query of a get response.
	 * @param expected the query, or {@code null} if there must be none
	 * @return this response
	 */
	public ResTestResponse assertQuery(String expected) {
		JsonNode q = member("result").get("query");
		String actual = (q == null) ? null : q.asString();
		if ((expected == null) ? actual != null : !expected.equals(actual)) {
			throw new AssertionError("expected query " + expected + " but got " + this);
		}
		return this;
	}

	/**
	 * Asserts an error response with the given code.
	 * @param code the error code
	 * @return this response
	 */
	public ResTestResponse assertError(String code) {
		JsonNode c = member("error").get("code");
		if (c == null || !code.equals(c.asString())) {
			throw new AssertionError("expected error " + code + " but got " + this);
		}
		return this;
	}

	/**
	 * Asserts an error response with the given code and message.
	 * @param code the error code
	 * @param message the error message
	 * @return this response
	 */
	public ResTestResponse assertError(String code, String message) {
		assertError(code);
		JsonNode m = member("error").get("message");
		if (m == null || !message.equals(m.asString())) {
			throw new AssertionError("expected error message '" + message + "' but got " + this);
		}
		return this;
	}

	/**
	 * Asserts a resource response.
	 * @param rid the referenced resource ID
	 * @return this response
	 */
	public ResTestResponse assertResource(String rid) {
		JsonNode r = member("resource").get("rid");
		if (r == null || !rid.equals(r.asString())) {
			throw new AssertionError("expected resource " + rid + " but got " + this);
		}
		return this;
	}

	/**
	 * Asserts an access response.
	 * @param get whether get access is expected
	 * @param call the expected call methods, or {@code null} for none
	 * @return this response
	 */
	public ResTestResponse assertAccess(boolean get, String call) {
		JsonNode result = member("result");
		JsonNode g = result.get("get");
		JsonNode c = result.get("call");
		boolean actualGet = g != null && g.asBoolean();
		String actualCall = (c == null || c.isNull()) ? null : c.asString();
		if (actualGet != get || !java.util.Objects.equals(call, actualCall)) {
			throw new AssertionError("expected access get=" + get + " call=" + call + " but got " + this);
		}
		return this;
	}

	/**
	 * Asserts the meta object of the response.
	 * @param status the HTTP status, or {@code null} if there must be none
	 * @param headers the headers, or {@code null} if there must be none
	 * @return this response
	 */
	public ResTestResponse assertMeta(Integer status, Map<String, List<String>> headers) {
		JsonNode meta = json().get("meta");
		if (status == null && headers == null) {
			if (meta != null) {
				throw new AssertionError("expected no meta but got " + this);
			}
			return this;
		}
		if (meta == null) {
			throw new AssertionError("expected meta but got " + this);
		}
		JsonNode s = meta.get("status");
		if ((status == null) ? s != null : (s == null || s.asInt() != status)) {
			throw new AssertionError("expected meta status " + status + " but got " + this);
		}
		JsonNode h = meta.get("header");
		if (headers == null) {
			if (h != null) {
				throw new AssertionError("expected no meta header but got " + this);
			}
		}
		else {
			JsonAssert.assertJson(codec, "meta header", headers, h, toString());
		}
		return this;
	}

	/**
	 * Asserts that exactly one pre-response with the given timeout came before the response.
	 * @param expected the timeout
	 * @return this response
	 */
	public ResTestResponse assertPreResponse(Duration expected) {
		List<Duration> p = preResponses();
		if (!p.equals(List.of(expected))) {
			throw new AssertionError("expected one pre-response timeout " + expected + " but got " + p);
		}
		return this;
	}

	@Override
	public String toString() {
		return subject + " -> " + ((payload == null) ? "(pending)" : new String(payload, StandardCharsets.UTF_8));
	}
}
