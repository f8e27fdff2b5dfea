package io.resgate.spring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The meta object of a service response: an HTTP status and headers for the client's HTTP or
 * WebSocket upgrade response, honoured only when the request had {@code isHttp} set.
 *
 * @param status the HTTP status code, or {@code null}
 * @param header the headers (canonical MIME keys to values), or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Meta(Integer status, Map<String, List<String>> header) {
}
