package io.resgate.spring.service.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

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
 */
public final class ResTestClient implements AutoCloseable {

	/** The connection ID sent with access, call and auth requests unless another is given. */
	public static final String DEFAULT_CID = "testcid";

	private final Messaging messaging;

	private final ResCodec codec;

	private final BlockingQueue<ResTestEvent> events = new LinkedBlockingQueue<>();

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
			subscriptions.add(messaging.subscribe(s, m -> events.add(new ResTestEvent(codec, m.subject(), m.data()))));
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
		try {
			ResTestEvent e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			if (e == null) {
				throw new AssertionError("no event within " + wait);
			}
			return e;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("interrupted waiting for an event");
		}
	}

	/**
	 * Asserts that no event is published within a time.
	 * @param wait how long to wait
	 */
	public void assertNoEvent(Duration wait) {
		try {
			ResTestEvent e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
			if (e != null) {
				throw new AssertionError("expected no event but got " + e);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Forgets the events recorded so far. */
	public void clearEvents() {
		events.clear();
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
