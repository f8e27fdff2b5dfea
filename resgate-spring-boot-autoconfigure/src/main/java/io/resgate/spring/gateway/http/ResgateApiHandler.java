package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.resgate.spring.gateway.auth.ConnectionToken;
import io.resgate.spring.gateway.auth.ConnectionTokenResolver;
import io.micrometer.observation.Observation;
import io.resgate.spring.gateway.cache.GatewayObservations;
import io.resgate.spring.gateway.cache.HttpRequestInfo;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.Subjects;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.HttpRequestHandler;

/**
 * The HTTP API of the gateway, with Resgate's semantics: {@code GET}/{@code HEAD} of a resource,
 * {@code POST} of a call, {@code PUT}/{@code DELETE}/{@code PATCH} mapped to configured call
 * methods, {@code OPTIONS} for CORS preflight. Requests are served asynchronously through the
 * gateway core; no servlet thread waits for a service.
 */
public class ResgateApiHandler implements HttpRequestHandler {

	private static final Log logger = LogFactory.getLog(ResgateApiHandler.class);

	private final GatewayService gateway;

	private final ResCodec codec;

	private final HttpApiSettings settings;

	private final ApiPath apiPath;

	private final ApiEncoder encoder;

	private final ApiReplies replies;

	private final CorsPolicy cors;

	private final ConnectionTokenResolver tokens;

	/**
	 * Creates the handler.
	 * @param gateway the gateway core
	 * @param codec the JSON codec
	 * @param settings the settings
	 * @throws IllegalArgumentException if a setting is invalid
	 */
	public ResgateApiHandler(GatewayService gateway, ResCodec codec, HttpApiSettings settings) {
		this(gateway, codec, settings, null);
	}

	/**
	 * Creates the handler whose requests are made with the token of their authentication.
	 * @param gateway the gateway core
	 * @param codec the JSON codec
	 * @param settings the settings
	 * @param tokens finds the token of a request, or {@code null} for none
	 * @throws IllegalArgumentException if a setting is invalid
	 */
	public ResgateApiHandler(GatewayService gateway, ResCodec codec, HttpApiSettings settings,
			ConnectionTokenResolver tokens) {
		this.tokens = tokens;
		this.gateway = gateway;
		this.codec = codec;
		this.settings = settings;
		this.apiPath = new ApiPath(settings.apiPath());
		this.encoder = ApiEncoder.of(settings.encoding(), apiPath, codec);
		this.replies = new ApiReplies(encoder);
		this.cors = new CorsPolicy(settings.allowOrigin(), settings.headerAuth() != null, settings.allowMethods());
	}

	/**
	 * Tells if a request path (without context path) belongs to the API.
	 * @param path the raw request path
	 * @return whether this handler serves it
	 */
	public boolean handles(String path) {
		return apiPath.handles(path);
	}

	@Override
	public void handleRequest(HttpServletRequest request, HttpServletResponse response) throws IOException {
		HttpReply reply = new HttpReply();
		ResError originError = cors.apply(request.getHeader("Origin"), reply);
		String method = request.getMethod();
		if ("OPTIONS".equals(method)) {
			cors.applyPreflight(Collections.list(request.getHeaders("Access-Control-Request-Headers")), reply);
			write(reply, response);
			return;
		}
		if (originError != null) {
			reply.requestType("invalid");
			replies.errorReply(reply, originError);
			write(reply, response);
			return;
		}
		String type = ("GET".equals(method) || "HEAD".equals(method)) ? "get" : "call";
		reply.requestType(type);
		Observation observation = gateway.observations().clientRequest(type, "http", request,
				HttpServletRequest::getHeader);
		reply.observation(observation);
		try (Observation.Scope scope = observation.openScope()) {
			serve(request, response, reply, method);
		}
	}

	private void serve(HttpServletRequest request, HttpServletResponse response, HttpReply reply, String method)
			throws IOException {
		String path = rawPath(request);
		if (!path.startsWith(apiPath.prefix()) || apiPath.hasTrailingSlash(path)) {
			notFound(reply, response);
			return;
		}
		String query = request.getQueryString();
		switch (method) {
			case "GET", "HEAD" -> {
				String rid = apiPath.toRid(path, query);
				if (!Rid.isValid(rid)) {
					notFound(reply, response);
					return;
				}
				reply.observation().highCardinalityKeyValue("resgate.resource", rid);
				ApiExchange exchange = exchange(request, response, reply);
				if (exchange != null) {
					exchange.get(requestInfo(request, settings), rid);
				}
			}
			case "POST" -> {
				ApiPath.RidMethod rm = apiPath.toRidMethod(path, query);
				call(request, response, reply, rm.rid(), rm.method());
			}
			default -> {
				String mapped = settings.mappedMethod(method);
				if (mapped == null) {
					replies.errorReply(reply, ResError.METHOD_NOT_ALLOWED);
					write(reply, response);
					return;
				}
				call(request, response, reply, apiPath.toRid(path, query), mapped);
			}
		}
	}

	/**
	 * Answers the container's error dispatch for a request under the API path with the RES error
	 * of its status, such as {@code system.badRequest} for a request body the container could not
	 * read, instead of the application's error page.
	 * @param request the error dispatch
	 * @param response the response
	 * @throws IOException if writing fails
	 */
	void handleErrorDispatch(HttpServletRequest request, HttpServletResponse response) throws IOException {
		int status = (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer s) ? s : 500;
		HttpReply reply = new HttpReply();
		cors.apply(request.getHeader("Origin"), reply);
		replies.statusReply(reply, (status >= 400 && status < 600) ? status : 500, null, null, null);
		write(reply, response);
	}

	private void call(HttpServletRequest request, HttpServletResponse response, HttpReply reply, String rid,
			String method) throws IOException {
		if (!Rid.isValid(rid) || !Subjects.isValidMethod(method)) {
			notFound(reply, response);
			return;
		}
		if (!reply.observation().isNoop()) {
			reply.observation().highCardinalityKeyValue("resgate.resource", rid + "." + method);
		}
		RawJson params;
		try {
			byte[] body = readBody(request);
			if (body == null) {
				replies.statusReply(reply, 413, null, null, new ResError(HttpErrors.CODE_BAD_REQUEST,
						"Request body larger than " + settings.maxBodySize() + " bytes"));
				write(reply, response);
				return;
			}
			params = RequestBodies.parseParams(body, codec);
		}
		catch (ResException ex) {
			replies.errorReply(reply, ex.getError());
			write(reply, response);
			return;
		}
		catch (IOException ex) {
			replies.errorReply(reply,
					new ResError(HttpErrors.CODE_BAD_REQUEST, "Error reading request body: " + ex.getMessage()));
			write(reply, response);
			return;
		}
		ApiExchange exchange = exchange(request, response, reply);
		if (exchange != null) {
			exchange.call(requestInfo(request, settings), rid, method, params);
		}
	}

	private byte[] readBody(HttpServletRequest request) throws IOException {
		Object body = request.getAttribute(ApiBodyFilter.BODY);
		if (body == null) {
			body = ApiBodyFilter.read(request, settings.maxBodySize());
		}
		if (body instanceof IOException ex) {
			throw ex;
		}
		return (body instanceof byte[] b) ? b : null;
	}

	private ApiExchange exchange(HttpServletRequest request, HttpServletResponse response, HttpReply reply)
			throws IOException {
		if (!gateway.isAvailable()) {
			// Like Resgate when it cannot open a connection: the messaging system is down or the gateway stopping.
			replies.errorReply(reply, HttpErrors.SERVICE_UNAVAILABLE);
			write(reply, response);
			return null;
		}
		AsyncContext async = request.startAsync(request, response);
		async.setTimeout(Math.max(30_000, settings.requestTimeout().toMillis() * 10));
		ConnectionToken token = (tokens != null) ? tokens.resolve(request) : null;
		ApiAnswerGate.Gate gate = (ApiAnswerGate.Gate) request.getAttribute(ApiAnswerGate.GATE);
		ApiExchange exchange = new ApiExchange(gateway, settings, apiPath, encoder, replies, reply,
				request.getMethod(), token, r -> {
					Runnable answer = () -> {
						try {
							write(r, (HttpServletResponse) async.getResponse());
						}
						catch (IOException ex) {
							logger.debug("Writing an HTTP API response failed", ex);
						}
						finally {
							async.complete();
						}
					};
					// before the filters have returned, held back and written on the request's thread (ApiAnswerGate)
					if (gate == null || !gate.hold(answer)) {
						async.start(answer);
					}
				});
		async.addListener(new AsyncListener() {
			@Override
			public void onTimeout(AsyncEvent event) throws IOException {
				logger.error("HTTP API request " + request.getRequestURI() + " got no answer in time");
				answerNow(exchange.abort(ResError.TIMEOUT));
			}

			@Override
			public void onComplete(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) throws IOException {
				answerNow(exchange.abort(ResError.internalError("request failed")));
			}

			private void answerNow(HttpReply r) throws IOException {
				if (r != null) {
					try {
						write(r, (HttpServletResponse) async.getResponse());
					}
					finally {
						async.complete();
					}
				}
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
			}
		});
		return exchange;
	}

	private void notFound(HttpReply reply, HttpServletResponse response) throws IOException {
		replies.notFound(reply);
		write(reply, response);
	}

	static String rawPath(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String ctx = request.getContextPath();
		return (ctx != null && !ctx.isEmpty() && uri.startsWith(ctx)) ? uri.substring(ctx.length()) : uri;
	}

	/**
	 * What an auth request tells a service of the client's HTTP request. Only header auth sends
	 * auth requests for an HTTP API request, so without it there is nothing to collect.
	 */
	private static HttpRequestInfo requestInfo(HttpServletRequest request, HttpApiSettings settings) {
		if (settings.headerAuth() == null) {
			return null;
		}
		Map<String, List<String>> header = new LinkedHashMap<>();
		for (String name : Collections.list(request.getHeaderNames())) {
			header.computeIfAbsent(MetaHeaders.canonicalKey(name), k -> new java.util.ArrayList<>())
				.addAll(Collections.list(request.getHeaders(name)));
		}
		String host = request.getHeader("Host");
		String uri = request.getRequestURI() + ((request.getQueryString() != null) ? "?" + request.getQueryString() : "");
		return new HttpRequestInfo(header, (host != null) ? host : request.getServerName(),
				request.getRemoteAddr() + ":" + request.getRemotePort(), uri);
	}

	/** Writes a reply, counting the request it answers. */
	private void write(HttpReply reply, HttpServletResponse response) throws IOException {
		if (reply.requestType() != null) {
			gateway.stats().httpRequest(reply.requestType(), reply.status() < 400, reply.startNanos());
			GatewayObservations.stopHttp(reply.observation(), reply.status());
		}
		writeTo(reply, response);
	}

	private static void writeTo(HttpReply reply, HttpServletResponse response) throws IOException {
		if (response.isCommitted()) {
			return;
		}
		response.setStatus(reply.status());
		reply.headers().forEach((name, values) -> {
			boolean first = true;
			for (String v : values) {
				if (first) {
					response.setHeader(name, v);
					first = false;
				}
				else {
					response.addHeader(name, v);
				}
			}
		});
		byte[] body = reply.body();
		if (body != null) {
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
		}
		else if (reply.status() != 204 && reply.status() != 304) {
			response.setContentLength(0);
		}
		response.flushBuffer();
	}
}
