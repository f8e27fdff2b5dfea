package io.resgate.spring.gateway.requests;

import io.resgate.spring.gateway.session.ResourceSet;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;

/**
 * The answer to a request for a resource (get, subscribe, or the resource of a resource response):
 * the resources the client did not have yet, or an error.
 *
 * @param rid the resource ID as the client knows it
 * @param resources the resource set, or {@code null} on error
 * @param error the error, or {@code null}
 * @param meta the meta of the access response (HTTP only), or {@code null}
 */
public record ResourceResult(String rid, ResourceSet resources, ResError error, Meta meta) {

	/** @return whether the request failed */
	public boolean isError() {
		return error != null;
	}
}
