package io.resgate.spring.gateway.cache;

import java.util.List;
import java.util.Map;

/**
 * What an auth request tells a service about the client's HTTP request (the WebSocket upgrade or
 * the HTTP API request).
 *
 * @param header the headers, canonical keys to values
 * @param host the host the client asked for
 * @param remoteAddr the client's address, {@code ip:port}
 * @param uri the request URI as sent by the client
 */
public record HttpRequestInfo(Map<String, List<String>> header, String host, String remoteAddr, String uri) {
}
