package io.resgate.spring.service;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Actions in model change events.
 */
public enum ResAction {

	/** Deletes the property: {@code {"action":"delete"}}. */
	DELETE;

	/**
	 * The JSON form.
	 * @return the action object
	 */
	@JsonValue
	public Map<String, String> toJson() {
		return Map.of("action", name().toLowerCase());
	}
}
