package io.resgate.spring.gateway.cache;

import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.RawJson;

/**
 * The outcome of a call or auth request: a result payload, a resource ID, or an error.
 *
 * @param result the result payload as the service sent it (possibly JSON {@code null}), or {@code null}
 * @param rid the resource ID of a resource response, or {@code null}
 * @param error the error, or {@code null}
 * @param meta the meta object, or {@code null}
 */
public record CallResult(RawJson result, String rid, ResError error, Meta meta) {

	/**
	 * A failed request.
	 * @param error the error
	 * @return the result
	 */
	public static CallResult failed(ResError error) {
		return new CallResult(null, null, error, null);
	}

	/** @return whether it is an error */
	public boolean isError() {
		return error != null;
	}
}
