package io.resgate.spring.service.test;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.ResCodec;

/**
 * An event a service published ({@code event.*}, {@code conn.*.token}, {@code system.*}), with assertions.
 * Each assertion returns this event, so they can be chained.
 */
public final class ResTestEvent {

	private final ResCodec codec;

	private final String subject;

	private final byte[] payload;

	ResTestEvent(ResCodec codec, String subject, byte[] payload) {
		this.codec = codec;
		this.subject = subject;
		this.payload = payload;
	}

	/** @return the subject, such as {@code event.library.book.1.change} */
	public String subject() {
		return subject;
	}

	/** @return the raw payload, possibly empty */
	public byte[] payload() {
		return payload.clone();
	}

	/** @return the payload as text */
	public String text() {
		return new String(payload, StandardCharsets.UTF_8);
	}

	/** @return the payload as JSON (a missing node when empty) */
	public JsonNode json() {
		return codec.tree(payload);
	}

	/**
	 * Asserts the subject.
	 * @param expected the expected subject
	 * @return this event
	 */
	public ResTestEvent assertSubject(String expected) {
		if (!expected.equals(subject)) {
			throw new AssertionError("expected event on " + expected + " but got " + this);
		}
		return this;
	}

	/**
	 * Asserts the payload JSON.
	 * @param expected a value encoded to the expected JSON, or {@code null} for an empty payload
	 * @return this event
	 */
	public ResTestEvent assertPayload(Object expected) {
		if (expected == null) {
			if (payload.length != 0) {
				throw new AssertionError("expected an empty payload but got " + this);
			}
			return this;
		}
		JsonAssert.assertJson(codec, "event payload", expected, json(), toString());
		return this;
	}

	/**
	 * Asserts a model change event.
	 * @param resourceName the resource name
	 * @param values the changed values (as a map or record; use {@code ResAction.DELETE} for deletions)
	 * @return this event
	 */
	public ResTestEvent assertChange(String resourceName, Object values) {
		assertSubject("event." + resourceName + ".change");
		return assertPayload(Map.of("values", codec.toTree(values)));
	}

	/**
	 * Asserts a collection add event.
	 * @param resourceName the resource name
	 * @param value the added value
	 * @param idx the index
	 * @return this event
	 */
	public ResTestEvent assertAdd(String resourceName, Object value, int idx) {
		assertSubject("event." + resourceName + ".add");
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("value", value);
		p.put("idx", idx);
		return assertPayload(p);
	}

	/**
	 * Asserts a collection remove event.
	 * @param resourceName the resource name
	 * @param idx the index
	 * @return this event
	 */
	public ResTestEvent assertRemove(String resourceName, int idx) {
		assertSubject("event." + resourceName + ".remove");
		return assertPayload(Map.of("idx", idx));
	}

	/**
	 * Asserts a resource event with a given name and payload (create, delete, reaccess, custom).
	 * @param resourceName the resource name
	 * @param event the event name
	 * @param payload the expected payload, or {@code null} for none
	 * @return this event
	 */
	public ResTestEvent assertEvent(String resourceName, String event, Object payload) {
		assertSubject("event." + resourceName + "." + event);
		return assertPayload(payload);
	}

	/**
	 * Asserts a query event and returns the subject to send query requests to.
	 * @param resourceName the query resource's name
	 * @return the query subject
	 */
	public String assertQueryEvent(String resourceName) {
		assertSubject("event." + resourceName + ".query");
		JsonNode s = json().get("subject");
		if (s == null || !s.isString()) {
			throw new AssertionError("query event without subject: " + this);
		}
		return s.asString();
	}

	/**
	 * Asserts a connection token event without token ID.
	 * @param cid the connection ID
	 * @param token the token, or {@code null}
	 * @return this event
	 */
	public ResTestEvent assertToken(String cid, Object token) {
		return assertToken(cid, token, null);
	}

	/**
	 * Asserts a connection token event.
	 * @param cid the connection ID
	 * @param token the token, or {@code null}
	 * @param tid the token ID, or {@code null} if there must be none
	 * @return this event
	 */
	public ResTestEvent assertToken(String cid, Object token, String tid) {
		assertSubject("conn." + cid + ".token");
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("token", token);
		if (tid != null) {
			p.put("tid", tid);
		}
		return assertPayload(p);
	}

	/**
	 * Asserts a {@code system.reset} event.
	 * @param resources the resource patterns, or {@code null} if the member must be absent
	 * @param access the access patterns, or {@code null} if the member must be absent
	 * @return this event
	 */
	public ResTestEvent assertSystemReset(Collection<String> resources, Collection<String> access) {
		assertSubject("system.reset");
		Map<String, Object> p = new LinkedHashMap<>();
		if (resources != null) {
			p.put("resources", resources);
		}
		if (access != null) {
			p.put("access", access);
		}
		return assertPayload(p);
	}

	/**
	 * Asserts a {@code system.tokenReset} event.
	 * @param subject the auth subject
	 * @param tids the token IDs
	 * @return this event
	 */
	public ResTestEvent assertTokenReset(String subject, Collection<String> tids) {
		assertSubject("system.tokenReset");
		Map<String, Object> p = new LinkedHashMap<>();
		p.put("tids", tids);
		p.put("subject", subject);
		return assertPayload(p);
	}

	@Override
	public String toString() {
		return subject + ": " + text();
	}
}
