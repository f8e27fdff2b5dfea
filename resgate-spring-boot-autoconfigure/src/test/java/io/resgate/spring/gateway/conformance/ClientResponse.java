package io.resgate.spring.gateway.conformance;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A response the gateway sent to a {@link TestClient} request. */
final class ClientResponse {

	private final Names names;

	private final String method;

	private final JsonNode message;

	ClientResponse(Names names, String method, JsonNode message) {
		this.names = names;
		this.method = method;
		this.message = message;
	}

	JsonNode message() {
		return message;
	}

	/** @return the result, asserting there is no error; a response without result (as Resgate sends for null) gives null */
	JsonNode result() {
		assertThat(message.has("error")).as("unexpected error for " + method + ": " + message).isFalse();
		return message.has("result") ? message.get("result") : tools.jackson.databind.node.JsonNodeFactory.instance.nullNode();
	}

	/** @return the error object, asserting there is one */
	JsonNode error() {
		assertThat(message.has("error")).as("expected an error for " + method + ": " + message).isTrue();
		assertThat(message.has("result")).as("no result with an error for " + method + ": " + message).isFalse();
		return message.get("error");
	}

	/** Asserts the result as data ({@code test.} rewritten). */
	ClientResponse assertResult(String json) {
		Json.assertJsonEquals(result(), Json.expected(names.of(json)), "result of " + method);
		return this;
	}

	/** Asserts the error code. */
	ClientResponse assertError(String code) {
		JsonNode error = error();
		assertThat(error.path("code").asString(null)).as("error code for " + method + ": " + message).isEqualTo(code);
		assertThat(error.path("message").isString()).as("error message for " + method + ": " + message).isTrue();
		return this;
	}

	/** Asserts the whole error object as data. */
	ClientResponse assertErrorJson(String json) {
		Json.assertJsonEquals(error(), Json.expected(names.of(json)), "error of " + method);
		return this;
	}

	/** Asserts the result is a resource set of these fixtures, such as {@code test.model}. */
	ClientResponse assertResources(String... rids) {
		return assertResult(Resources.set(rids));
	}
}
