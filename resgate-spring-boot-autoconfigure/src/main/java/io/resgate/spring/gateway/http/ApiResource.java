package io.resgate.spring.gateway.http;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.Value;

/**
 * A resource as the HTTP API encodes it: a model, a collection, or the error it failed with.
 */
sealed interface ApiResource {

	/**
	 * A model.
	 * @param values the values by key, in the order to write them
	 */
	record Model(Map<String, Value> values) implements ApiResource {
	}

	/**
	 * A collection.
	 * @param values the values
	 */
	record Collection(List<Value> values) implements ApiResource {
	}

	/**
	 * A resource that could not be had.
	 * @param error the error
	 */
	record Failure(ResError error) implements ApiResource {
	}
}
