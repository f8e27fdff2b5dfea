package io.resgate.spring.gateway.web;

import java.util.List;

import org.springframework.http.server.ServerHttpRequest;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The handshake handler of the RES WebSocket endpoint: per-message compression is negotiated only
 * when {@code resgate.ws-compression} allows it.
 */
public class ResgateHandshakeHandler extends DefaultHandshakeHandler {

	private final boolean compression;

	/**
	 * Creates the handler.
	 * @param compression whether per-message compression may be negotiated
	 */
	public ResgateHandshakeHandler(boolean compression) {
		this.compression = compression;
	}

	@Override
	protected List<WebSocketExtension> filterRequestedExtensions(ServerHttpRequest request,
			List<WebSocketExtension> requestedExtensions, List<WebSocketExtension> supportedExtensions) {
		if (!compression) {
			return List.of();
		}
		return super.filterRequestedExtensions(request, requestedExtensions, supportedExtensions);
	}
}
