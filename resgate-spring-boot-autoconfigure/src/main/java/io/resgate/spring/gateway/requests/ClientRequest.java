package io.resgate.spring.gateway.requests;

import io.resgate.spring.protocol.RawJson;

/**
 * A RES-Client request as read from a frame: {@code {"id":..,"method":..,"params":..}}.
 *
 * @param id the request ID as its decimal digits, echoed in the response
 * @param method the method, {@code ""} if absent or {@code null}
 * @param params the parameters as sent, or {@code null} if absent or JSON {@code null}
 */
record ClientRequest(String id, String method, RawJson params) {
}
