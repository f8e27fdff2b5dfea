package io.resgate.spring.service.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.Rid;

/**
 * Plays the gateway's part towards RES services: sends access, get, call and auth requests as a
 * gateway would, and records the events the services publish. Works on any {@link Messaging}, the
 * in-process bus or NATS; {@link ResTestSession} sets one up with a service for unit tests.
 *
 * <pre>{@code
 * client.get("library.book.1").assertModel(Map.of("id", 1, "title", "Animal Farm"));
 * client.call("library.book.1", "set", Map.of("title", "1984")).assertResult(null);
 * client.nextEvent().assertChange("library.book.1", Map.of("title", "1984"));
 * }</pre>
 *
 * <p>Events are recorded in the order they arrive. {@link #nextEvent()} takes the oldest one;
 * {@link #nextEventOf(String)} takes the oldest one of a resource and leaves the others recorded, for
 * applications where other resources send events at the same time (a scheduled ticker, say).
 *
 * <p>In a {@code @SpringBootTest}, {@link AutoConfigureResTestClient} makes one on the application's
 * in-process bus.
 */
public final class ResTestClient implements AutoCloseable {

	/** The connection ID sent with access, call and auth requests unless another is given. */
	public static final String DEFAULT_CID = "testcid";

	private final Messaging messaging;

	private final ResCodec codec;

	private final Deque<ResTestEvent> events = new ArrayDeque<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition recorded = lock.newCondition();

	private final List<MessageSubscription> subscriptions = new ArrayList<>();

	private volatile Duration timeout = Duration.ofSeconds(5);

	/**
	 * A client on a messaging system; starts recording events at once.
	 * @param messaging the messaging system the services are on
	 * @param codec the codec
	 */
	public ResTestClient(Messaging messaging, ResCodec codec) {
		this.messaging = messaging;
		this.codec = codec;
		for (String s : List.of("event.>", "conn.>", "system.>")) {
			subscriptions.add(messaging.subscribe(s, m -> record(new ResTestEvent(codec, m.subject(), m.data()))));
		}
	}

	/**
	 * Sets how long responses and events are awaited.
	 * @param timeout the timeout
	 * @return this client
	 */
	public ResTestClient timeout(Duration timeout) {
		this.timeout = timeout;
		return this;
	}

	/** @return the codec */
	public ResCodec codec() {
		return codec;
	}

	/**
	 * Sends a get request.
	 * @param rid the resource ID, possibly with a query
	 * @return the response
	 */
	public ResTestResponse get(String rid) {
		return request("get", rid).send();
	}

	/**
	 * Sends an access request from {@link #DEFAULT_CID} without token.
	 * @param rid the resource ID
	 * @return the response
	 */
	public ResTestResponse access(String rid) {
		return request("access", rid).send();
	}

	/**
	 * Sends an access request from {@link #DEFAULT_CID}.
	 * @param rid the resource ID
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse access(String rid, Object token) {
		return request("access", rid).token(token).send();
	}

	/**
	 * Sends a call request from {@link #DEFAULT_CID} without token.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the response
	 */
	public ResTestResponse call(String rid, String method, Object params) {
		return request("call", rid).method(method).params(params).send();
	}

	/**
	 * Sends a call request from {@link #DEFAULT_CID}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse call(String rid, String method, Object params, Object token) {
		return request("call", rid).method(method).params(params).token(token).send();
	}

	/**
	 * Sends an auth request from {@link #DEFAULT_CID} without token.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the response
	 */
	public ResTestResponse auth(String rid, String method, Object params) {
		return request("auth", rid).method(method).params(params).send();
	}

	/**
	 * Sends an auth request from {@link #DEFAULT_CID}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse auth(String rid, String method, Object params, Object token) {
		return request("auth", rid).method(method).params(params).token(token).send();
	}

	/**
	 * Starts a request with every option.
	 * @param type {@code "access"}, {@code "get"}, {@code "call"} or {@code "auth"}
	 * @param rid the resource ID, possibly with a query
	 * @return the request builder
	 */
	public Request request(String type, String rid) {
		return new Request(type, rid);
	}

	/**
	 * Sends a query request to the subject of a query event, as a gateway does for each cached query.
	 * @param querySubject the subject from the query event
	 * @param query the normalized query
	 * @return the response
	 */
	public ResTestResponse query(String querySubject, String query) {
		ObjectNode p = JsonNodeFactory.instance.objectNode();
		p.put("query", query);
		return send(querySubject, p);
	}

	/**
	 * Sends any request.
	 * @param subject the subject
	 * @param payload the payload: {@code byte[]}, a JSON {@code String}, or a value encoded with the codec
	 * @return the response
	 */
	public ResTestResponse send(String subject, Object payload) {
		byte[] bytes;
		if (payload instanceof byte[] b) {
			bytes = b;
		}
		else if (payload instanceof String s) {
			bytes = s.getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = codec.encode(payload);
		}
		String inbox = messaging.newInbox();
		BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
		MessageSubscription sub = messaging.subscribe(inbox, m -> queue.add(m.data()));
		ResTestResponse response = new ResTestResponse(codec, subject, queue, sub, timeout);
		messaging.publish(subject, inbox, bytes);
		return response;
	}

	/**
	 * The next event published, waiting up to the client's timeout.
	 * @return the event
	 * @throws AssertionError if none arrives in time
	 */
	public ResTestEvent nextEvent() {
		return nextEvent(timeout);
	}

	/**
	 * The next event published.
	 * @param wait how long to wait
	 * @return the event
	 * @throws AssertionError if none arrives in time
	 */
	public ResTestEvent nextEvent(Duration wait) {
		ResTestEvent e = take(event -> true, wait);
		if (e == null) {
			throw new AssertionError("no event within " + wait);
		}
		return e;
	}

	/**
	 * The next event of one resource ({@code event.<resourceName>.<event>}), waiting up to the client's
	 * timeout. Events of other resources, and system and token events, stay recorded for
	 * {@link #nextEvent()}.
	 * @param resourceName the resource name, such as {@code library.book.1}
	 * @return the event
	 * @throws AssertionError if none arrives in time
	 */
	public ResTestEvent nextEventOf(String resourceName) {
		return nextEventOf(resourceName, timeout);
	}

	/**
	 * The next event of one resource; see {@link #nextEventOf(String)}.
	 * @param resourceName the resource name
	 * @param wait how long to wait
	 * @return the event
	 * @throws AssertionError if none arrives in time
	 */
	public ResTestEvent nextEventOf(String resourceName, Duration wait) {
		String prefix = "event." + resourceName + ".";
		ResTestEvent e = take(event -> event.subject().startsWith(prefix)
				&& event.subject().indexOf('.', prefix.length()) < 0, wait);
		if (e == null) {
			throw new AssertionError("no event of " + resourceName + " within " + wait + pending());
		}
		return e;
	}

	/**
	 * Asserts that no event is published within a time.
	 * @param wait how long to wait
	 */
	public void assertNoEvent(Duration wait) {
		ResTestEvent e = take(event -> true, wait);
		if (e != null) {
			throw new AssertionError("expected no event but got " + e);
		}
	}

	/**
	 * Forgets every event published before this call: waits until the messaging system has delivered
	 * what was published so far (in-process bus and one NATS connection deliver in publish order), then
	 * clears the record.
	 * @throws AssertionError if the messaging system does not deliver within the client's timeout
	 */
	public void clearEvents() {
		String inbox = messaging.newInbox();
		CountDownLatch delivered = new CountDownLatch(1);
		MessageSubscription marker = messaging.subscribe(inbox, m -> delivered.countDown());
		try {
			messaging.publish(inbox, new byte[0]);
			if (!delivered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("the messaging system delivered nothing within " + timeout);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted waiting for the messaging system");
		}
		finally {
			marker.unsubscribe();
		}
		lock.lock();
		try {
			events.clear();
		}
		finally {
			lock.unlock();
		}
	}

	private void record(ResTestEvent event) {
		lock.lock();
		try {
			events.addLast(event);
			recorded.signalAll();
		}
		finally {
			lock.unlock();
		}
	}

	/** Removes and returns the oldest recorded event that matches, waiting for one; null if none came. */
	private ResTestEvent take(Predicate<ResTestEvent> filter, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		lock.lock();
		try {
			while (true) {
				for (Iterator<ResTestEvent> it = events.iterator(); it.hasNext();) {
					ResTestEvent e = it.next();
					if (filter.test(e)) {
						it.remove();
						return e;
					}
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return null;
				}
				recorded.awaitNanos(left);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted waiting for an event");
		}
		finally {
			lock.unlock();
		}
	}

	private String pending() {
		lock.lock();
		try {
			return events.isEmpty() ? "" : "; recorded meanwhile: " + events.size() + " other event(s), on "
					+ events.stream().map(ResTestEvent::subject).distinct().limit(5).toList();
		}
		finally {
			lock.unlock();
		}
	}

	@Override
	public void close() {
		subscriptions.forEach(MessageSubscription::unsubscribe);
		subscriptions.clear();
	}

	/**
	 * A request being built, sent with {@link #send()}.
	 */
	public final class Request {

		private final String type;

		private final Rid rid;

		private String method;

		private String cid = DEFAULT_CID;

		private Object token;

		private Object params;

		private boolean http;

		private Map<String, List<String>> header;

		private String host;

		private String remoteAddr;

		private String uri;

		Request(String type, String rid) {
			this.type = type;
			this.rid = Rid.parse(rid);
		}

		/**
		 * @param method the call or auth method
		 * @return this request
		 */
		public Request method(String method) {
			this.method = method;
			return this;
		}

		/**
		 * @param cid the connection ID
		 * @return this request
		 */
		public Request cid(String cid) {
			this.cid = cid;
			return this;
		}

		/**
		 * @param token the connection token, or {@code null} for none
		 * @return this request
		 */
		public Request token(Object token) {
			this.token = token;
			return this;
		}

		/**
		 * @param params the call or auth params, or {@code null} for none
		 * @return this request
		 */
		public Request params(Object params) {
			this.params = params;
			return this;
		}

		/**
		 * Marks the request as coming from an HTTP request ({@code isHttp: true}).
		 * @return this request
		 */
		public Request http() {
			this.http = true;
			return this;
		}

		/**
		 * Adds an HTTP header (auth requests).
		 * @param name the canonical header name, such as {@code Cookie}
		 * @param values the values
		 * @return this request
		 */
		public Request header(String name, String... values) {
			if (header == null) {
				header = new LinkedHashMap<>();
			}
			header.computeIfAbsent(name, k -> new ArrayList<>()).addAll(List.of(values));
			return this;
		}

		/**
		 * @param host the host (auth requests)
		 * @return this request
		 */
		public Request host(String host) {
			this.host = host;
			return this;
		}

		/**
		 * @param remoteAddr the client address (auth requests)
		 * @return this request
		 */
		public Request remoteAddr(String remoteAddr) {
			this.remoteAddr = remoteAddr;
			return this;
		}

		/**
		 * @param uri the request URI (auth requests)
		 * @return this request
		 */
		public Request uri(String uri) {
			this.uri = uri;
			return this;
		}

		/**
		 * Sends the request.
		 * @return the response
		 */
		public ResTestResponse send() {
			ObjectNode p = JsonNodeFactory.instance.objectNode();
			boolean get = type.equals("get");
			if (!get && cid != null) {
				p.put("cid", cid);
			}
			if (!get && token != null) {
				p.set("token", codec.toTree(token));
			}
			if (rid.hasQuery()) {
				p.put("query", rid.query());
			}
			if (params != null) {
				JsonNode n = codec.toTree(params);
				p.set("params", n);
			}
			if (http) {
				p.put("isHttp", true);
			}
			if (header != null) {
				p.set("header", codec.toTree(header));
			}
			if (host != null) {
				p.put("host", host);
			}
			if (remoteAddr != null) {
				p.put("remoteAddr", remoteAddr);
			}
			if (uri != null) {
				p.put("uri", uri);
			}
			String subject = type + "." + rid.name() + ((method != null) ? "." + method : "");
			return ResTestClient.this.send(subject, p);
		}
	}
}
