package io.resgate.spring.protocol;

import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The result of a query request (made for a query event): the events for the query resource, or its
 * full model or collection.
 *
 * @param events the events, or {@code null}
 * @param model the model, a JSON object, or {@code null}
 * @param collection the collection, a JSON array, or {@code null}
 */
public record QueryResponse(List<Event> events, JsonNode model, JsonNode collection) {

	/**
	 * One event of a query response.
	 * @param event the event name
	 * @param data the event data, or {@code null}
	 */
	public record Event(String event, JsonNode data) {
	}
}
