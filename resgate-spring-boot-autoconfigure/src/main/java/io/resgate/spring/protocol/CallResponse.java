package io.resgate.spring.protocol;

/**
 * The outcome of a call or auth request: a result, a resource ID (resource response), or an error.
 *
 * @param result the result as the service sent it (possibly JSON {@code null}), or {@code null}
 * @param rid the resource ID of a resource response, or {@code null}
 * @param error the error, or {@code null}
 * @param meta the meta object, or {@code null}
 */
public record CallResponse(RawJson result, String rid, ResError error, Meta meta) {

	/**
	 * A failed request.
	 * @param error the error
	 * @return the response
	 */
	public static CallResponse failed(ResError error) {
		return new CallResponse(null, null, error, null);
	}

	/** @return whether it is an error */
	public boolean isError() {
		return error != null;
	}
}
