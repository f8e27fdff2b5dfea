package io.resgate.spring.protocol;

import tools.jackson.databind.JsonNode;

/**
 * The result of a get request: a model or a collection, whose values are still to be read as RES
 * values, and the normalized query of a query resource.
 *
 * @param model the model, a JSON object, or {@code null}
 * @param collection the collection, a JSON array, or {@code null}
 * @param query the normalized query, {@code ""} if none
 */
public record GetResponse(JsonNode model, JsonNode collection, String query) {
}
