package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.GetValues;
import io.resgate.spring.protocol.ResCodec;
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
	 * Reads a get response into values.
	 * @param codec the codec
	 * @param payload the response bytes
	 * @return the data
	 * @throws ResException with the service's error, or {@code system.internalError} if the response or
	 *         a value is invalid
	 */
	static ResourceData read(ResCodec codec, byte[] payload) {
		GetValues<ResValue> r = codec.decodeGetValues(payload, ResValue::parseProper);
		return (r.model() != null) ? new ResourceData(ResourceType.MODEL, r.model(), null, r.query())
				: new ResourceData(ResourceType.COLLECTION, null, r.collection(), r.query());
	}
}
