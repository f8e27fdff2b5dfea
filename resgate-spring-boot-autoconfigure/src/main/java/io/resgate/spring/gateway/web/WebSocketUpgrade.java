package io.resgate.spring.gateway.web;

import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.WebConnection;

/**
 * The container's handle on an upgraded RES WebSocket connection: created by the container during
 * {@link jakarta.servlet.http.HttpServletRequest#upgrade}, it hands the upgraded connection to the
 * {@link WebSocketConnection} prepared by the handshake. Public only because the container creates
 * it; not for application use.
 */
public final class WebSocketUpgrade implements HttpUpgradeHandler {

	private volatile WebSocketConnection connection;

	/** Created by the container. */
	public WebSocketUpgrade() {
	}

	void attach(WebSocketConnection connection) {
		this.connection = connection;
	}

	@Override
	public void init(WebConnection webConnection) {
		WebSocketConnection c = connection;
		if (c == null) {
			try {
				webConnection.close();
			}
			catch (Exception ex) {
				// nothing to clean up
			}
			return;
		}
		c.start(webConnection);
	}

	@Override
	public void destroy() {
		WebSocketConnection c = connection;
		if (c != null) {
			c.destroyed();
		}
	}
}
