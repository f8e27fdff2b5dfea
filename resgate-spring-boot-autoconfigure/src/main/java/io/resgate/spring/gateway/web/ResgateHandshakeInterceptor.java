package io.resgate.spring.gateway.web;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.resgate.spring.gateway.cache.CallResult;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.cache.ServiceCodec;
import io.resgate.spring.gateway.http.ApiPath;
import io.resgate.spring.gateway.http.HttpErrors;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.OutboundQueue;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * Prepares a WebSocket upgrade: checks the origin against {@code resgate.allow-origin} (a request
 * without {@code Origin}, or with {@code null}, is allowed, as by Resgate), creates the client
 * connection with its connection ID, and sends the header auth request when
 * {@code resgate.ws-header-auth} is set, applying the response's meta (a 3XX-5XX status ends the
 * handshake; headers are added to the upgrade response).
 */
public class ResgateHandshakeInterceptor implements HandshakeInterceptor {

	private static final Log logger = LogFactory.getLog(ResgateHandshakeInterceptor.class);

	static final String CONNECTION = ResgateHandshakeInterceptor.class.getName() + ".connection";

	static final String WRITER = ResgateHandshakeInterceptor.class.getName() + ".writer";

	private static final Set<String> PROTECTED_HEADERS = Set.of("Sec-Websocket-Extensions", "Sec-Websocket-Protocol",
			"Access-Control-Allow-Credentials", "Access-Control-Allow-Origin", "Content-Type");

	private final GatewayService gateway;

	private final ApiPath apiPath;

	private final List<String> allowedOrigins;

	private final String headerAuthRid;

	private final String headerAuthMethod;

	private final ThreadLocal<ClientConnection> handshaking = new ThreadLocal<>();

	/**
	 * Creates the interceptor.
	 * @param gateway the gateway core
	 * @param allowedOrigins allowed origins, or {@code ["*"]} for any
	 * @param wsHeaderAuth the header auth resource method ({@code rid.method}), or {@code null}
	 */
	public ResgateHandshakeInterceptor(GatewayService gateway, List<String> allowedOrigins, String wsHeaderAuth) {
		this(gateway, allowedOrigins, wsHeaderAuth, "/api");
	}

	/**
	 * Creates the interceptor.
	 * @param gateway the gateway core
	 * @param allowedOrigins allowed origins, or {@code ["*"]} for any
	 * @param wsHeaderAuth the header auth resource method ({@code rid.method}), or {@code null}
	 * @param apiPath the HTTP API path, for the location of a resource in a redirect
	 */
	public ResgateHandshakeInterceptor(GatewayService gateway, List<String> allowedOrigins, String wsHeaderAuth,
			String apiPath) {
		this.gateway = gateway;
		this.apiPath = new ApiPath(apiPath);
		this.allowedOrigins = allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty())
				.map(s -> s.toLowerCase(Locale.ROOT)).toList();
		if (wsHeaderAuth != null && !wsHeaderAuth.isBlank() && wsHeaderAuth.lastIndexOf('.') > 0) {
			int dot = wsHeaderAuth.lastIndexOf('.');
			this.headerAuthRid = wsHeaderAuth.substring(0, dot);
			this.headerAuthMethod = wsHeaderAuth.substring(dot + 1);
		}
		else {
			this.headerAuthRid = null;
			this.headerAuthMethod = null;
		}
	}

	@Override
	public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Map<String, Object> attributes) throws Exception {
		if (!isOriginAllowed(request.getHeaders().getOrigin())) {
			response.setStatusCode(HttpStatus.FORBIDDEN);
			return false;
		}
		SessionWriter writer = new SessionWriter();
		OutboundQueue queue = new OutboundQueue(writer, gateway.writers(), gateway.settings().outboundQueueBytes());
		ClientConnection conn = gateway.connect(queue, requestInfo(request));
		if (headerAuthRid != null) {
			CompletableFuture<CallResult> done = new CompletableFuture<>();
			conn.enqueue(() -> conn.headerAuth(headerAuthRid, headerAuthMethod, done::complete));
			CallResult r;
			try {
				r = done.get(gateway.settings().requestTimeout().toMillis() * 10 + 1000, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				r = CallResult.failed(ResError.TIMEOUT);
			}
			if (!applyMeta(r, response)) {
				gateway.disconnected(conn);
				return false;
			}
		}
		attributes.put(CONNECTION, conn);
		attributes.put(WRITER, writer);
		handshaking.set(conn);
		return true;
	}

	private boolean applyMeta(CallResult r, ServerHttpResponse response) {
		Meta meta = r.meta();
		if (meta == null) {
			return true;
		}
		Integer status = meta.status();
		if (status != null && (status < 300 || status >= 600)) {
			logger.error("Invalid WebSocket meta status: " + status);
			status = null;
		}
		if (meta.header() != null) {
			meta.header().forEach((k, v) -> {
				if (PROTECTED_HEADERS.contains(k)) {
					return;
				}
				if (k.equals("Set-Cookie")) {
					v.forEach(x -> response.getHeaders().add(k, x));
				}
				else {
					response.getHeaders().put(k, List.copyOf(v));
				}
			});
		}
		if (status == null) {
			return true;
		}
		response.setStatusCode(HttpStatusCode.valueOf(status));
		if (status >= 400) {
			ResError err = (r.error() != null) ? r.error() : HttpErrors.errorOf(status);
			response.getHeaders().set("Content-Type", "application/json; charset=utf-8");
			try {
				response.getBody().write(gateway.messages().codec().encode(err));
			}
			catch (java.io.IOException ex) {
				logger.debug("Writing the handshake error failed", ex);
			}
		}
		else if (r.rid() != null && response.getHeaders().getLocation() == null) {
			response.getHeaders().set("Location", apiPath.toPath(r.rid()));
		}
		return false;
	}

	@Override
	public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler wsHandler,
			Exception exception) {
		ClientConnection conn = handshaking.get();
		handshaking.remove();
		if (conn == null) {
			return;
		}
		boolean upgraded = exception == null;
		if (upgraded && response instanceof ServletServerHttpResponse sr) {
			upgraded = sr.getServletResponse().getStatus() == HttpStatus.SWITCHING_PROTOCOLS.value();
		}
		if (!upgraded) {
			gateway.disconnected(conn);
		}
	}

	boolean isOriginAllowed(String origin) {
		if (allowedOrigins.isEmpty() || allowedOrigins.contains("*")) {
			return true;
		}
		if (origin == null || origin.isEmpty() || origin.equals("null")) {
			return true;
		}
		return allowedOrigins.contains(origin.toLowerCase(Locale.ROOT));
	}

	/**
	 * Describes a client's HTTP request for auth requests.
	 * @param request the request
	 * @return the description
	 */
	public static HttpRequestInfo requestInfo(ServerHttpRequest request) {
		Map<String, List<String>> header = new LinkedHashMap<>();
		request.getHeaders().forEach((k, v) -> header.computeIfAbsent(ServiceCodec.canonicalHeaderKey(k),
				x -> new java.util.ArrayList<>()).addAll(v));
		String host = request.getHeaders().getFirst("Host");
		String remoteAddr = null;
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote != null) {
			remoteAddr = remote.getAddress().getHostAddress() + ":" + remote.getPort();
		}
		String uri;
		if (request instanceof ServletServerHttpRequest sr) {
			String q = sr.getServletRequest().getQueryString();
			uri = sr.getServletRequest().getRequestURI() + ((q == null) ? "" : "?" + q);
		}
		else {
			uri = request.getURI().getRawPath()
					+ ((request.getURI().getRawQuery() == null) ? "" : "?" + request.getURI().getRawQuery());
		}
		return new HttpRequestInfo(header, host, remoteAddr, uri);
	}
}
