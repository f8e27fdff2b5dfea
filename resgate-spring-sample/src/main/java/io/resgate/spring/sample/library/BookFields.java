package io.resgate.spring.sample.library;

import io.resgate.spring.protocol.ResException;
import tools.jackson.databind.JsonNode;

/**
 * Checks the params of the book methods, with the error messages of Resgate's book-collection example
 * (all {@code system.invalidParams}).
 */
final class BookFields {

	private BookFields() {
	}

	/**
	 * A title or author given to {@code set}: must be a non-blank string.
	 * @param label {@code "Title"} or {@code "Author"}
	 * @param value the JSON value
	 * @return the string
	 */
	static String requireText(String label, JsonNode value) {
		if (value == null || !value.isString()) {
			throw ResException.invalidParams(label + " must be a string");
		}
		if (value.asString().isBlank()) {
			throw ResException.invalidParams(label + " must not be empty");
		}
		return value.asString();
	}

	/**
	 * A param of {@code new}: a non-empty string, or {@code null}.
	 * @param params the params, or {@code null}
	 * @param name the param name
	 * @return the string, or {@code null} if missing, empty or not a string
	 */
	static String optionalText(JsonNode params, String name) {
		JsonNode value = params == null ? null : params.get(name);
		return value != null && value.isString() && !value.asString().isBlank() ? value.asString() : null;
	}

	/**
	 * The {@code id} param of {@code delete}: must be a number.
	 * @param params the params, or {@code null}
	 * @return the ID
	 */
	static long requireId(JsonNode params) {
		JsonNode id = params == null ? null : params.get("id");
		if (id == null || !id.isNumber()) {
			throw ResException.invalidParams("Book ID must be a number");
		}
		return id.asLong();
	}
}
