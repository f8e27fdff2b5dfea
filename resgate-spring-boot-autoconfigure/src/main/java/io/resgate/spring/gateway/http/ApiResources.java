package io.resgate.spring.gateway.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.Value;
import tools.jackson.databind.JsonNode;

/**
 * Looks up the resources reachable from the one an HTTP GET asked for.
 */
@FunctionalInterface
interface ApiResources {

	/**
	 * @param rid a resource ID
	 * @return the resource; a {@link ApiResource.Failure} if it is not known
	 */
	ApiResource resource(String rid);

	/**
	 * The resources of a resource set as the WebSocket protocol sends it: model and collection
	 * values in client form ({@code {"rid":…}}, {@code {"rid":…,"soft":true}}, {@code {"data":…}}
	 * or primitives) and errors.
	 * @param models the models by resource ID
	 * @param collections the collections by resource ID
	 * @param errors the errors by resource ID
	 * @return the lookup
	 */
	static ApiResources ofResourceSet(Map<String, JsonNode> models, Map<String, JsonNode> collections,
			Map<String, ResError> errors) {
		return rid -> {
			ResError err = errors.get(rid);
			if (err != null) {
				return new ApiResource.Failure(err);
			}
			JsonNode model = models.get(rid);
			if (model != null) {
				Map<String, Value> values = new LinkedHashMap<>();
				for (Map.Entry<String, JsonNode> e : model.properties()) {
					values.put(e.getKey(), Value.parse(e.getValue()));
				}
				return new ApiResource.Model(values);
			}
			JsonNode collection = collections.get(rid);
			if (collection != null) {
				List<Value> values = new ArrayList<>();
				for (JsonNode v : collection) {
					values.add(Value.parse(v));
				}
				return new ApiResource.Collection(values);
			}
			return new ApiResource.Failure(ResError.internalError("resource " + rid + " missing in response"));
		};
	}
}
