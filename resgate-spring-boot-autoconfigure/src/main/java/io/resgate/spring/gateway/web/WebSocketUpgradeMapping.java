package io.resgate.spring.gateway.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Maps WebSocket upgrade requests ({@code GET} with {@code Upgrade: websocket}) on
 * {@code resgate.ws-path} to the {@link WebSocketHandshake}; any other request on that path falls
 * through to the application's own handlers, so a page may be served there.
 */
public final class WebSocketUpgradeMapping extends SimpleUrlHandlerMapping {

	/**
	 * Creates the mapping.
	 * @param path the WebSocket path
	 * @param handshake the handshake handler
	 * @param order the mapping's order
	 */
	public WebSocketUpgradeMapping(String path, WebSocketHandshake handshake, int order) {
		super(Map.of(path, handshake), order);
	}

	@Override
	protected Object getHandlerInternal(HttpServletRequest request) throws Exception {
		if (!"GET".equals(request.getMethod()) || !isUpgrade(request.getHeader("Upgrade"))) {
			return null;
		}
		return super.getHandlerInternal(request);
	}

	private static boolean isUpgrade(String upgrade) {
		if (upgrade == null) {
			return false;
		}
		for (String token : upgrade.split(",")) {
			if (token.trim().equalsIgnoreCase("websocket")) {
				return true;
			}
		}
		return false;
	}
}
