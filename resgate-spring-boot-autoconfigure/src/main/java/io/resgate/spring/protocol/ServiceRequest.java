package io.resgate.spring.protocol;

import java.util.List;
import java.util.Map;

/**
 * The payload of a RES-Service request ({@code get}, {@code access}, {@code call}, {@code auth}),
 * as the gateway sends it; encoded by {@link ResCodec#encodeRequest}. Absent members are
 * {@code null} (or empty) and left out of the JSON, except that a request with a connection ID
 * always carries its {@code token} ({@code null} when the connection has none).
 *
 * @param params the method parameters (call, auth), or {@code null} to leave them out
 * @param token the connection's access token, or {@code null} if it has none
 * @param query the query of the resource ID, or {@code null}
 * @param cid the connection ID (access, call, auth), or {@code null} (get)
 * @param isHttp whether the request comes from an HTTP request (or a WebSocket upgrade request)
 * @param header HTTP headers of the client's request (auth), canonical keys, or {@code null}
 * @param host the host the client connected to (auth), or {@code null}
 * @param remoteAddr the client's network address (auth), or {@code null}
 * @param uri the request URI the client connected with (auth), or {@code null}
 */
public record ServiceRequest(RawJson params, RawJson token, String query, String cid, boolean isHttp,
		Map<String, List<String>> header, String host, String remoteAddr, String uri) {

	/**
	 * A get request payload, or of a query request.
	 * @param query the query, or {@code null}
	 * @return the payload
	 */
	public static ServiceRequest get(String query) {
		return new ServiceRequest(null, null, query, null, false, null, null, null, null);
	}

	/**
	 * An access request payload.
	 * @param cid the connection ID
	 * @param token the token or {@code null}
	 * @param query the query or {@code null}
	 * @param isHttp whether the request comes over HTTP
	 * @return the payload
	 */
	public static ServiceRequest access(String cid, RawJson token, String query, boolean isHttp) {
		return new ServiceRequest(null, token, query, cid, isHttp, null, null, null, null);
	}

	/**
	 * A call request payload.
	 * @param cid the connection ID
	 * @param token the token or {@code null}
	 * @param query the query or {@code null}
	 * @param params the parameters, or {@code null} (sent as JSON {@code null})
	 * @param isHttp whether the request comes over HTTP
	 * @return the payload
	 */
	public static ServiceRequest call(String cid, RawJson token, String query, RawJson params, boolean isHttp) {
		return new ServiceRequest((params == null) ? RawJson.NULL : params, token, query, cid, isHttp, null, null,
				null, null);
	}

	/**
	 * The same request with what an auth request tells about the client's HTTP request.
	 * @param header the headers, canonical keys, or {@code null}
	 * @param host the host, or {@code null}
	 * @param remoteAddr the client's address, or {@code null}
	 * @param uri the request URI, or {@code null}
	 * @return the payload
	 */
	public ServiceRequest withHttpRequest(Map<String, List<String>> header, String host, String remoteAddr,
			String uri) {
		return new ServiceRequest(params, token, query, cid, isHttp, header, host, remoteAddr, uri);
	}

	/**
	 * The same request without params, as an auth request made by the gateway itself.
	 * @return the payload
	 */
	public ServiceRequest withoutParams() {
		return new ServiceRequest(null, token, query, cid, isHttp, header, host, remoteAddr, uri);
	}
}
