package io.resgate.spring.gateway.web;

import java.security.Principal;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.standard.StandardWebSocketUpgradeStrategy;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake handler of the RES WebSocket endpoint: per-message compression is negotiated only
 * when {@code resgate.ws-compression} allows it. Since a servlet container offers its installed
 * extensions whenever the application selects none, the client's extension offer is hidden from
 * the upgrade when compression is off.
 */
public class ResgateHandshakeHandler extends DefaultHandshakeHandler {

	private static final String EXTENSIONS = "Sec-WebSocket-Extensions";

	private final boolean compression;

	/**
	 * Creates the handler.
	 * @param compression whether per-message compression may be negotiated
	 */
	public ResgateHandshakeHandler(boolean compression) {
		super(new UpgradeStrategy(compression));
		this.compression = compression;
	}

	/** The standard upgrade, without the client's extension offer when compression is off. */
	private static final class UpgradeStrategy extends StandardWebSocketUpgradeStrategy {

		private final boolean compression;

		UpgradeStrategy(boolean compression) {
			this.compression = compression;
		}

		@Override
		public void upgrade(ServerHttpRequest request, ServerHttpResponse response, String selectedProtocol,
				List<WebSocketExtension> selectedExtensions, Principal user, WebSocketHandler wsHandler,
				Map<String, Object> attrs) throws HandshakeFailureException {
			ServerHttpRequest r = request;
			if (!compression && request instanceof ServletServerHttpRequest sr
					&& sr.getServletRequest().getHeader(EXTENSIONS) != null) {
				r = new ServletServerHttpRequest(new WithoutExtensions(sr.getServletRequest()));
			}
			super.upgrade(r, response, selectedProtocol, selectedExtensions, user, wsHandler, attrs);
		}
	}

	@Override
	protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
			List<WebSocketExtension> requestedExtensions, List<WebSocketExtension> supportedExtensions) {
		if (!compression) {
			return List.of();
		}
		return super.filterRequestedExtensions(request, requestedExtensions, supportedExtensions);
	}

	/** The upgrade request without the client's extension offer. */
	private static final class WithoutExtensions extends HttpServletRequestWrapper {

		WithoutExtensions(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getHeader(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? null : super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			return EXTENSIONS.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = Collections.list(super.getHeaderNames());
			names.removeIf(EXTENSIONS::equalsIgnoreCase);
			return Collections.enumeration(names);
		}
	}
}
