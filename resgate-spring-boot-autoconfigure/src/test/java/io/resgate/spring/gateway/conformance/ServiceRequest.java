package io.resgate.spring.gateway.conformance;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One request the gateway sent to the scripted service: its subject and payload, with ways to
 * assert on it and to answer it (or not).
 */
final class ServiceRequest {

	private final ServiceBus bus;

	private final Names names;

	private final String subject;

	private final String replyTo;

	private final byte[] raw;

	private final JsonNode payload;

	ServiceRequest(ServiceBus bus, Names names, String subject, String replyTo, byte[] raw) {
		this.bus = bus;
		this.names = names;
		this.subject = subject;
		this.replyTo = replyTo;
		this.raw = raw;
		this.payload = (raw.length == 0) ? null : Json.received(raw);
	}

	Names names() {
		return names;
	}

	String subject() {
		return subject;
	}

	String replyTo() {
		return replyTo;
	}

	/** @return the parsed payload, or {@code null} if it was empty */
	JsonNode payload() {
		return payload;
	}

	byte[] raw() {
		return raw;
	}

	/** @return the payload member at a path such as {@code params.foo}, or {@code null} if missing */
	JsonNode path(String path) {
		JsonNode node = payload;
		for (String part : path.split("\\.")) {
			if (node == null || !node.has(part)) {
				return null;
			}
			node = node.get(part);
		}
		return node;
	}

	/** @return the {@code cid} of the payload */
	String cid() {
		JsonNode cid = path("cid");
		assertThat(cid).as("cid in " + this).isNotNull();
		assertThat(cid.isString()).as("cid is a string in " + this).isTrue();
		return cid.asString();
	}

	ServiceRequest assertSubject(String expected) {
		assertThat(subject).isEqualTo(names.of(expected));
		return this;
	}

	/** Asserts the whole payload as data. */
	ServiceRequest assertPayload(String expectedJson) {
		Json.assertJsonEquals(payload, Json.expected(names.of(expectedJson)), "payload of " + subject);
		return this;
	}

	/** Asserts one payload member as data. */
	ServiceRequest assertPath(String path, String expectedJson) {
		JsonNode actual = path(path);
		assertThat(actual).as(path + " in " + this).isNotNull();
		Json.assertJsonEquals(actual, Json.expected(names.of(expectedJson)), path + " of " + subject);
		return this;
	}

	ServiceRequest assertPathMissing(String path) {
		assertThat(path(path)).as(path + " should be missing in " + this).isNull();
		return this;
	}

	/** Asserts that a payload member is null or missing (both mean "none" in the service protocol). */
	ServiceRequest assertPathNullOrMissing(String path) {
		JsonNode v = path(path);
		assertThat(v == null || v.isNull()).as(path + " should be null or missing in " + this).isTrue();
		return this;
	}

	/** Asserts that the payload has exactly these members besides those listed. */
	ServiceRequest assertOnlyKeys(String... keys) {
		assertThat(payload).as("payload of " + this).isNotNull();
		assertThat(payload.propertyNames()).as("members of " + this).containsExactlyInAnyOrder(keys);
		return this;
	}

	/** Sends a raw reply. */
	void respondRaw(byte[] bytes) {
		assertThat(replyTo).as("reply subject of " + this).isNotNull();
		bus.publish(replyTo, null, bytes);
	}

	/** Sends a raw text reply. */
	void respondRaw(String text) {
		respondRaw(text.getBytes(StandardCharsets.UTF_8));
	}

	/** Sends a reply written as a (single-quoted) JSON literal, {@code test.} names rewritten. */
	void respond(String json) {
		respondRaw(Json.bytes(names.of(json)));
	}

	/** Replies {@code {"result":<json>}}. */
	void result(String json) {
		ObjectNode r = JsonNodeFactory.instance.objectNode();
		r.set("result", Json.expected(names.of(json)));
		respondRaw(Json.bytes(r));
	}

	/** Replies {@code {"result":{"model":<json>}}}. */
	void model(String json) {
		result("{'model':" + json + "}");
	}

	/** Replies {@code {"result":{"collection":<json>}}}. */
	void collection(String json) {
		result("{'collection':" + json + "}");
	}

	/** Replies with the resource of the shared fixture with the given id, or its error. */
	void resource(String rid) {
		respond(Resources.response(rid));
	}

	/** Replies {@code {"resource":{"rid":<rid>}}}. */
	void resourceResponse(String rid) {
		respond("{'resource':{'rid':'" + rid + "'}}");
	}

	/** Replies {@code {"error":{"code":..,"message":..}}}. */
	void error(String code, String message) {
		respond("{'error':{'code':'" + code + "','message':'" + message + "'}}");
	}

	/** Replies an access result. */
	void access(boolean get, String call) {
		result(call == null ? "{'get':" + get + "}" : "{'get':" + get + ",'call':'" + call + "'}");
	}

	/** Replies {@code {"result":{"get":true,"call":"*"}}}. */
	void accessGranted() {
		access(true, "*");
	}

	/** Replies {@code system.accessDenied}. */
	void accessDenied() {
		error("system.accessDenied", "Access denied");
	}

	/** Sends a pre-response extending the timeout. */
	void preResponse(long timeoutMillis) {
		respondRaw("timeout:\"" + timeoutMillis + "\"");
	}

	@Override
	public String toString() {
		return subject + " " + new String(raw, StandardCharsets.UTF_8);
	}
}
