package io.resgate.spring.service.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.observation.Observation;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import io.resgate.spring.protocol.PreResponse;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.ResRequest;

/**
 * One request being handled: the decoded payload, the matched placeholders, and the response's meta object.
 */
final class RequestContext implements ResRequest {

	private final ServiceCore core;

	private final RequestType type;

	private final String resourceName;

	private final Map<String, String> pathParams;

	private final String method;

	private final String replyTo;

	private final String cid;

	private final JsonNode token;

	private final String query;

	private final JsonNode params;

	private final boolean http;

	private final Map<String, List<String>> header;

	private final String host;

	private final String remoteAddr;

	private final String uri;

	private Map<String, List<String>> queryParams;

	private Integer responseStatus;

	private Map<String, List<String>> responseHeaders;

	private Observation observation = Observation.NOOP;

	RequestContext(ServiceCore core, RequestType type, String resourceName, Map<String, String> pathParams,
			String method, String replyTo, JsonNode payload) {
		this.core = core;
		this.type = type;
		this.resourceName = resourceName;
		this.pathParams = pathParams;
		this.method = method;
		this.replyTo = replyTo;
		this.cid = text(payload, "cid");
		JsonNode t = payload.get("token");
		this.token = (t == null || t.isNull() || t.isMissingNode()) ? null : t;
		String q = text(payload, "query");
		this.query = (q == null) ? "" : q;
		JsonNode p = payload.get("params");
		this.params = (p == null || p.isMissingNode()) ? null : p;
		JsonNode h = payload.get("isHttp");
		this.http = h != null && h.isBoolean() && h.asBoolean();
		this.header = headers(payload.get("header"));
		this.host = text(payload, "host");
		this.remoteAddr = text(payload, "remoteAddr");
		this.uri = text(payload, "uri");
	}

	private static String text(JsonNode payload, String name) {
		JsonNode n = payload.get(name);
		return (n != null && n.isString()) ? n.asString() : null;
	}

	private static Map<String, List<String>> headers(JsonNode h) {
		if (h == null || !h.isObject()) {
			return Map.of();
		}
		Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (Map.Entry<String, JsonNode> e : h.properties()) {
			List<String> values = new ArrayList<>();
			if (e.getValue().isArray()) {
				e.getValue().forEach(v -> values.add(v.asString()));
			}
			else if (e.getValue().isString()) {
				values.add(e.getValue().asString());
			}
			map.put(e.getKey(), Collections.unmodifiableList(values));
		}
		return Collections.unmodifiableMap(map);
	}

	RequestType requestType() {
		return type;
	}

	String replyTo() {
		return replyTo;
	}

	Integer responseStatus() {
		return responseStatus;
	}

	Map<String, List<String>> responseHeaders() {
		return (responseHeaders == null) ? Map.of() : responseHeaders;
	}

	@Override
	public String type() {
		return type.wireName();
	}

	@Override
	public String resourceName() {
		return resourceName;
	}

	@Override
	public String rid() {
		return query.isEmpty() ? resourceName : resourceName + "?" + query;
	}

	@Override
	public Map<String, String> pathParams() {
		return pathParams;
	}

	@Override
	public String pathParam(String name) {
		return pathParams.get(name);
	}

	@Override
	public String query() {
		return query;
	}

	@Override
	public Map<String, List<String>> queryParams() {
		if (queryParams == null) {
			queryParams = QueryStrings.parse(query);
		}
		return queryParams;
	}

	@Override
	public String method() {
		return method;
	}

	@Override
	public String cid() {
		return cid;
	}

	@Override
	public JsonNode rawToken() {
		return token;
	}

	@Override
	public <T> T token(Class<T> tokenType) {
		if (token == null) {
			return null;
		}
		try {
			return core.bindMapper().treeToValue(token, tokenType);
		}
		catch (JacksonException ex) {
			throw new ResException(ResError.INTERNAL_ERROR);
		}
	}

	@Override
	public JsonNode rawParams() {
		return params;
	}

	@Override
	public <T> T params(Class<T> paramsType) {
		if (params == null) {
			return null;
		}
		try {
			return core.bindMapper().treeToValue(params, paramsType);
		}
		catch (JacksonException ex) {
			throw new ResException(ResError.INVALID_PARAMS);
		}
	}

	@Override
	public boolean isHttp() {
		return http;
	}

	@Override
	public Map<String, List<String>> header() {
		return header;
	}

	@Override
	public String host() {
		return host;
	}

	@Override
	public String remoteAddr() {
		return remoteAddr;
	}

	@Override
	public String uri() {
		return uri;
	}

	@Override
	public void timeout(Duration timeout) {
		if (timeout.isNegative()) {
			throw new IllegalArgumentException("negative timeout");
		}
		if (replyTo != null) {
			core.publish(replyTo, PreResponse.encode(timeout));
		}
	}

	@Override
	public synchronized void setResponseStatus(int status) {
		this.responseStatus = status;
	}

	@Override
	public synchronized void addResponseHeader(String name, String value) {
		if (responseHeaders == null) {
			responseHeaders = new LinkedHashMap<>();
		}
		responseHeaders.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
	}

	@Override
	public void setToken(Object token) {
		setToken(token, null);
	}

	@Override
	public void setToken(Object token, String tid) {
		if (type != RequestType.AUTH) {
			throw new IllegalStateException("setToken is only allowed in auth handlers");
		}
		if (cid == null) {
			throw new IllegalStateException("auth request without connection ID");
		}
		core.events().token(cid, token, tid);
	}

	/** @return the observation of this request, {@link Observation#NOOP} if not observed */
	Observation observation() {
		return observation;
	}

	/** @param observation the observation of this request */
	void observation(Observation observation) {
		this.observation = observation;
	}
}
