package io.resgate.spring.gateway.requests;

import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.Meta;

/**
 * The answer to a call request: the service's response (a result, a resource ID or an error),
 * with the meta of the access response that allowed it.
 *
 * @param result the call result
 * @param accessMeta the meta of the access response (HTTP only), or {@code null}
 */
public record CallOutcome(CallResponse result, Meta accessMeta) {
}
