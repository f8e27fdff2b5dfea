package io.resgate.spring.gateway.auth;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collections;

import io.resgate.spring.gateway.http.ApiPath;
import io.resgate.spring.gateway.http.HttpErrors;
import io.resgate.spring.protocol.ResCodec;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives a refusal without a body on the gateway's paths a RES error body: a filter of the
 * application's security chain may answer a WebSocket upgrade or an HTTP API request with only a
 * status, as Spring Security's bearer token entry point does for an expired or forged JWT (401, with
 * its {@code WWW-Authenticate} header) and its access denied handler (403). The client then gets the
 * RES error of that status ({@code system.accessDenied} for 401, {@code system.forbidden} for 403),
 * as for any other refusal of the gateway. Responses that have a body, or are not the gateway's, are
 * left as they are. Runs before the security filter chain.
 */
public final class RefusalBodyFilter extends OncePerRequestFilter {

	private final ResCodec codec;

	private final String wsPath;

	private final ApiPath apiPath;

	/**
	 * Creates the filter.
	 * @param codec encodes the error
	 * @param wsPath the WebSocket path ({@code resgate.ws-path})
	 * @param apiPath the HTTP API path ({@code resgate.api-path})
	 */
	public RefusalBodyFilter(ResCodec codec, String wsPath, String apiPath) {
		this.codec = codec;
		this.wsPath = wsPath;
		this.apiPath = new ApiPath(apiPath);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if ("HEAD".equals(request.getMethod())) {
			return true;
		}
		String uri = request.getRequestURI();
		String ctx = request.getContextPath();
		String path = (ctx != null && !ctx.isEmpty() && uri.startsWith(ctx)) ? uri.substring(ctx.length()) : uri;
		return !(apiPath.handles(path) || (path.equals(wsPath) && isUpgrade(request)));
	}

	private static boolean isUpgrade(HttpServletRequest request) {
		for (String value : Collections.list(request.getHeaders("Upgrade"))) {
			if (value.toLowerCase(java.util.Locale.ROOT).contains("websocket")) {
				return true;
			}
		}
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		BodyWatch watch = new BodyWatch(response);
		chain.doFilter(request, watch);
		int status = response.getStatus();
		if (status < 400 || watch.touched || request.isAsyncStarted() || response.isCommitted()) {
			return;
		}
		byte[] body = codec.encode(HttpErrors.errorOf(status));
		response.setContentType("application/json; charset=utf-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	/** Tells whether anyone wrote a body or sent an error (which the container's error report answers). */
	private static final class BodyWatch extends HttpServletResponseWrapper {

		private boolean touched;

		BodyWatch(HttpServletResponse response) {
			super(response);
		}

		@Override
		public ServletOutputStream getOutputStream() throws IOException {
			touched = true;
			return super.getOutputStream();
		}

		@Override
		public PrintWriter getWriter() throws IOException {
			touched = true;
			return super.getWriter();
		}

		@Override
		public void sendError(int sc, String msg) throws IOException {
			touched = true;
			super.sendError(sc, msg);
		}

		@Override
		public void sendError(int sc) throws IOException {
			touched = true;
			super.sendError(sc);
		}

		@Override
		public void sendRedirect(String location) throws IOException {
			touched = true;
			super.sendRedirect(location);
		}
	}
}
