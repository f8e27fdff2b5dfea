package io.resgate.spring.protocol;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * The payload of a RES-Service request ({@code access}, {@code get}, {@code call}, {@code auth}).
 * Absent members are {@code null} and are left out of the JSON.
 *
 * @param cid the connection ID (access, call, auth)
 * @param token the connection's access token, or {@code null} if it has none
 * @param query the query of the resource ID, or {@code null}
 * @param params the method parameters (call, auth)
 * @param isHttp {@code true} if the request comes from an HTTP request, else {@code null}
 * @param header HTTP headers of the client connection (auth)
 * @param host the host the client connected to (auth)
 * @param remoteAddr the client's network address (auth)
 * @param uri the request URI the client connected with (auth)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServiceRequest(String cid, JsonNode token, String query, JsonNode params, Boolean isHttp,
		Map<String, List<String>> header, String host, String remoteAddr, String uri) {

	/**
	 * A get request payload.
	 * @param query the query, or {@code null}
	 * @return the payload
	 */
	public static ServiceRequest get(String query) {
		return new ServiceRequest(null, null, query, null, null, null, null, null, null);
	}

	/**
	 * An access request payload.
	 * @param cid the connection ID
	 * @param token the token or {@code null}
	 * @param query the query or {@code null}
	 * @param isHttp whether the request comes over HTTP
	 * @return the payload
	 */
	public static ServiceRequest access(String cid, JsonNode token, String query, boolean isHttp) {
		return new ServiceRequest(cid, nullIfJsonNull(token), query, null, isHttp ? Boolean.TRUE : null, null, null,
				null, null);
	}

	/**
	 * A call request payload.
	 * @param cid the connection ID
	 * @param token the token or {@code null}
	 * @param query the query or {@code null}
	 * @param params the parameters or {@code null}
	 * @param isHttp whether the request comes over HTTP
	 * @return the payload
	 */
	public static ServiceRequest call(String cid, JsonNode token, String query, JsonNode params, boolean isHttp) {
		return new ServiceRequest(cid, nullIfJsonNull(token), query, params, isHttp ? Boolean.TRUE : null, null,
				null, null, null);
	}

	/**
	 * Tells if this request came from an HTTP request.
	 * @return whether {@code isHttp} is true
	 */
	public boolean http() {
		return Boolean.TRUE.equals(isHttp);
	}

	private static JsonNode nullIfJsonNull(JsonNode token) {
		return (token == null || token.isNull() || token.isMissingNode()) ? null : token;
	}
}
