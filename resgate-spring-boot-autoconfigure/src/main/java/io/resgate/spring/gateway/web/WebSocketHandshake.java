package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.resgate.spring.gateway.auth.ConnectionToken;
import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.http.ApiPath;
import io.resgate.spring.gateway.http.HttpErrors;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.OutboundQueue;
import io.resgate.spring.protocol.CallResponse;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.HttpRequestHandler;

/**
 * The opening handshake of the RES WebSocket endpoint (RFC 6455, section 4.2), on the Servlet
 * API's HTTP upgrade: checks the request (GET, {@code Upgrade}/{@code Connection} headers, version
 * 13 or else 426, a valid key), the origin against {@code resgate.allow-origin} (a request without
 * {@code Origin}, or with {@code null}, is allowed, as by Resgate), creates the client connection,
 * sends the header auth request when {@code resgate.ws-header-auth} is set (a meta status of 3XX-5XX
 * refuses the upgrade; meta headers are added to the response), negotiates per-message compression
 * when {@code resgate.ws-compression} allows it, and upgrades. A refusal carries a RES error body.
 * With a {@link ConnectionTokenResolver} (Spring Security's authentication of the upgrade request),
 * the connection starts with the token it finds, before any request of the client.
 *
 * <p>When the application stops, the WebSockets are closed with a close frame (1001, "server
 * shutting down") before the server itself stops, and upgrades are refused (503) from then on.
 */
public final class WebSocketHandshake implements HttpRequestHandler, SmartLifecycle, AutoCloseable {

	private static final Log logger = LogFactory.getLog(WebSocketHandshake.class);

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private static final List<String> PROTECTED_HEADERS = List.of("Sec-Websocket-Extensions",
			"Sec-Websocket-Protocol", "Access-Control-Allow-Credentials", "Access-Control-Allow-Origin",
			"Content-Type");

	/** How long a peer has to answer a close frame before its socket is closed. */
	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	/** How long stopping waits for the clients to answer the close frames. */
	static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(1);

	/** The close reason when the server stops. */
	static final String SHUTDOWN_REASON = "server shutting down";

	private final GatewayService gateway;

	private final WebSocketEngine engine;

	private final ApiPath apiPath;

	private final List<String> allowedOrigins;

	private final String headerAuthRid;

	private final String headerAuthMethod;

	private final boolean compression;

	private final ConnectionTokenResolver tokens;

	private volatile boolean running;

	/**
	 * Creates the handshake handler.
	 * @param gateway the gateway core
	 * @param allowedOrigins allowed origins, or {@code ["*"]} for any
	 * @param wsHeaderAuth the header auth resource method ({@code rid.method}), or {@code null}
	 * @param apiPath the HTTP API path, for the location of a resource in a redirect
	 * @param compression whether per-message compression may be negotiated
	 * @param maxMessageSize the largest message accepted from a client, in bytes
	 */
	public WebSocketHandshake(GatewayService gateway, List<String> allowedOrigins, String wsHeaderAuth,
			String apiPath, boolean compression, int maxMessageSize) {
		this(gateway, allowedOrigins, wsHeaderAuth, apiPath, compression, maxMessageSize, null);
	}

	/**
	 * Creates the handshake handler whose connections start with the token of their upgrade request,
	 * read by one read thread per processor where the container allows it.
	 * @param gateway the gateway core
	 * @param allowedOrigins allowed origins, or {@code ["*"]} for any
	 * @param wsHeaderAuth the header auth resource method ({@code rid.method}), or {@code null}
	 * @param apiPath the HTTP API path, for the location of a resource in a redirect
	 * @param compression whether per-message compression may be negotiated
	 * @param maxMessageSize the largest message accepted from a client, in bytes
	 * @param tokens finds the token of a connection in its upgrade request, or {@code null} for none
	 */
	public WebSocketHandshake(GatewayService gateway, List<String> allowedOrigins, String wsHeaderAuth,
			String apiPath, boolean compression, int maxMessageSize, ConnectionTokenResolver tokens) {
		this(gateway, allowedOrigins, wsHeaderAuth, apiPath, compression, maxMessageSize, tokens,
				Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Creates the handshake handler whose connections start with the token of their upgrade request.
	 * @param gateway the gateway core
	 * @param allowedOrigins allowed origins, or {@code ["*"]} for any
	 * @param wsHeaderAuth the header auth resource method ({@code rid.method}), or {@code null}
	 * @param apiPath the HTTP API path, for the location of a resource in a redirect
	 * @param compression whether per-message compression may be negotiated
	 * @param maxMessageSize the largest message accepted from a client, in bytes
	 * @param tokens finds the token of a connection in its upgrade request, or {@code null} for none
	 * @param readThreads how many threads read WebSocket sockets directly where the container allows it
	 * (Tomcat's NIO connector without TLS); 0 to read every connection through the Servlet API
	 */
	public WebSocketHandshake(GatewayService gateway, List<String> allowedOrigins, String wsHeaderAuth,
			String apiPath, boolean compression, int maxMessageSize, ConnectionTokenResolver tokens, int readThreads) {
		this.gateway = gateway;
		this.tokens = tokens;
		this.engine = new WebSocketEngine(gateway, maxMessageSize, compression, CLOSE_TIMEOUT, readThreads);
		this.apiPath = new ApiPath(apiPath);
		this.compression = compression;
		this.allowedOrigins = allowedOrigins.stream().map(String::trim).filter(s -> !s.isEmpty())
			.map(s -> s.toLowerCase(Locale.ROOT)).toList();
		int dot = (wsHeaderAuth == null || wsHeaderAuth.isBlank()) ? -1 : wsHeaderAuth.lastIndexOf('.');
		this.headerAuthRid = (dot > 0) ? wsHeaderAuth.substring(0, dot) : null;
		this.headerAuthMethod = (dot > 0) ? wsHeaderAuth.substring(dot + 1) : null;
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response)
			throws IOException, ServletException {
		if (!running) {
			refuse(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
			return;
		}
		if (!"GET".equals(request.getMethod())) {
			response.setHeader("Allow", "GET");
			refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED);
			return;
		}
		if (!hasToken(request, "Upgrade", "websocket") || !hasToken(request, "Connection", "upgrade")) {
			refuse(response, HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		String version = request.getHeader("Sec-WebSocket-Version");
		if (version == null || !version.trim().equals("13")) {
			response.setHeader("Sec-WebSocket-Version", "13");
			refuse(response, 426);
			return;
		}
		String key = request.getHeader("Sec-WebSocket-Key");
		if (!isValidKey(key)) {
			refuse(response, HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		if (!isOriginAllowed(request.getHeader("Origin"))) {
			refuse(response, HttpServletResponse.SC_FORBIDDEN);
			return;
		}
		boolean deflate = compression
				&& PerMessageDeflate.isOffered(Collections.list(request.getHeaders("Sec-WebSocket-Extensions")));
		ConnectionToken token = (tokens != null) ? tokens.resolve(request) : null;
		WebSocketConnection ws = new WebSocketConnection(engine, deflate);
		OutboundQueue queue = new OutboundQueue(ws, gateway.outboundExecutor(), gateway.settings().outboundQueueBytes());
		ClientConnection conn = gateway.connect(queue, requestInfo(request));
		ws.attach(conn);
		if (token != null) {
			// queued before any frame of the client can be
			conn.enqueue(() -> conn.setRequestToken(token.token(), token.tid(), token.expiresAt()));
		}
		if (headerAuthRid != null && !headerAuth(conn, response)) {
			gateway.disconnected(conn);
			return;
		}
		response.setHeader("Upgrade", "websocket");
		response.setHeader("Connection", "Upgrade");
		response.setHeader("Sec-WebSocket-Accept", accept(key.trim()));
		if (deflate) {
			response.setHeader("Sec-WebSocket-Extensions", PerMessageDeflate.RESPONSE);
		}
		try {
			request.upgrade(WebSocketUpgrade.class).attach(ws);
		}
		catch (IOException | ServletException | RuntimeException ex) {
			gateway.disconnected(conn);
			throw ex;
		}
	}

	/**
	 * Sends the header auth request and waits for its response (the upgrade cannot complete
	 * before it); applies its meta to the response.
	 * @return whether the upgrade may go on
	 */
	private boolean headerAuth(ClientConnection conn, HttpServletResponse response) throws IOException {
		CompletableFuture<CallResponse> done = new CompletableFuture<>();
		conn.enqueue(() -> gateway.methodRequests().headerAuth(conn, headerAuthRid, headerAuthMethod, done::complete));
		CallResponse r;
		try {
			r = done.get(gateway.settings().requestTimeout().toMillis() * 10 + 1000, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			r = CallResponse.failed(ResError.TIMEOUT);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			r = CallResponse.failed(ResError.TIMEOUT);
		}
		return applyMeta(r, response);
	}

	private boolean applyMeta(CallResponse r, HttpServletResponse response) throws IOException {
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
				if (!k.equals("Set-Cookie") && !v.isEmpty()) {
					response.setHeader(k, v.get(0));
					v.subList(1, v.size()).forEach(x -> response.addHeader(k, x));
				}
				else {
					v.forEach(x -> response.addHeader(k, x));
				}
			});
		}
		if (status == null) {
			return true;
		}
		if (status >= 400) {
			writeError(response, status, (r.error() != null) ? r.error() : HttpErrors.errorOf(status));
		}
		else {
			response.setStatus(status);
			if (r.rid() != null && response.getHeader("Location") == null) {
				response.setHeader("Location", apiPath.toPath(r.rid()));
			}
		}
		return false;
	}

	private void refuse(HttpServletResponse response, int status) throws IOException {
		writeError(response, status, HttpErrors.errorOf(status));
	}

	private void writeError(HttpServletResponse response, int status, ResError error) throws IOException {
		byte[] body = gateway.messages().codec().encode(error);
		response.setStatus(status);
		response.setHeader("Content-Type", "application/json; charset=utf-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
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

	private static boolean hasToken(HttpServletRequest request, String header, String token) {
		for (String value : Collections.list(request.getHeaders(header))) {
			for (String t : value.split(",")) {
				if (t.trim().equalsIgnoreCase(token)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isValidKey(String key) {
		if (key == null) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(key.trim()).length == 16;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	static String accept(String key) {
		try {
			MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
			return Base64.getEncoder()
				.encodeToString(sha1.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	/**
	 * Describes a client's HTTP request for auth requests.
	 * @param request the request
	 * @return the description
	 */
	static HttpRequestInfo requestInfo(HttpServletRequest request) {
		Map<String, List<String>> header = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			header.computeIfAbsent(Meta.canonicalKey(name), k -> new ArrayList<>())
				.addAll(Collections.list(request.getHeaders(name)));
		}
		String host = request.getHeader("Host");
		String q = request.getQueryString();
		return new HttpRequestInfo(header, host, request.getRemoteAddr() + ":" + request.getRemotePort(),
				request.getRequestURI() + ((q == null) ? "" : "?" + q));
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		engine.closeAll(CloseCodes.GOING_AWAY, SHUTDOWN_REASON);
	}

	/**
	 * Stops taking upgrades and closes every WebSocket with a close frame (1001) before the server
	 * stops (this runs in the first shutdown phase); waits up to {@link #SHUTDOWN_WAIT} for the
	 * clients to answer, without blocking the caller.
	 */
	@Override
	public void stop(Runnable callback) {
		stop();
		long until = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
		Runnable[] check = new Runnable[1];
		check[0] = () -> {
			if (engine.openCount() == 0 || System.nanoTime() >= until) {
				callback.run();
			}
			else {
				engine.timer().schedule(check[0], 20, TimeUnit.MILLISECONDS);
			}
		};
		try {
			check[0].run();
		}
		catch (RejectedExecutionException ex) {
			callback.run();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	@Override
	public void close() {
		engine.close();
	}
}
