package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.GetResponse;
import io.resgate.spring.protocol.ResException;

/**
 * The data of a get response read as RES values: a model or a collection, and the normalized query.
 *
 * @param type the resource type
 * @param model the model values (sorted), or {@code null}
 * @param collection the collection values, or {@code null}
 * @param query the normalized query, {@code ""} if none
 */
record ResourceData(ResourceType type, Map<String, ResValue> model, List<ResValue> collection, String query) {

	/**
	 * Reads the values of a get response.
	 * @param r the response
	 * @return the data
	 * @throws ResException with {@code system.internalError} if a value is invalid
	 */
	static ResourceData of(GetResponse r) {
		return (r.model() != null) ? new ResourceData(ResourceType.MODEL, ResValue.model(r.model()), null, r.query())
				: new ResourceData(ResourceType.COLLECTION, null, ResValue.collection(r.collection()), r.query());
	}
}
