package io.resgate.spring.protocol;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A RES-Service response: one of {@code result}, {@code resource} or {@code error}, with optional
 * {@code meta}. On the wire an error wins over a resource, which wins over a result.
 *
 * @param result the result; a JSON {@code null} result is kept as a {@code NullNode}
 * @param resource the resource reference of a resource response, or {@code null}
 * @param error the error, or {@code null}
 * @param meta the meta object, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceResponse(JsonNode result, Value.Ref resource, ResError error, Meta meta) {

	/**
	 * A successful response.
	 * @param result the result
	 * @return the response
	 */
	public static ServiceResponse ofResult(JsonNode result) {
		return new ServiceResponse(result, null, null, null);
	}

	/**
	 * An error response.
	 * @param error the error
	 * @return the response
	 */
	public static ServiceResponse ofError(ResError error) {
		return new ServiceResponse(null, null, error, null);
	}

	/**
	 * A resource response.
	 * @param rid the resource ID
	 * @return the response
	 */
	public static ServiceResponse ofResource(String rid) {
		return new ServiceResponse(null, new Value.Ref(rid, false), null, null);
	}

	/** @return whether this is an error response */
	@JsonIgnore
	public boolean isError() {
		return error != null;
	}

	/** @return whether this is a resource response */
	@JsonIgnore
	public boolean isResource() {
		return error == null && resource != null;
	}
}
