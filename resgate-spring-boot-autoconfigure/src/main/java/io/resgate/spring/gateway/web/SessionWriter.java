package io.resgate.spring.gateway.web;

import java.io.IOException;

import io.resgate.spring.gateway.session.OutboundQueue;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes a connection's frames to its WebSocket session, once the handshake has completed.
 * Called by the connection's single writer only.
 */
final class SessionWriter implements OutboundQueue.FrameWriter {

	private volatile WebSocketSession session;

	private volatile boolean closeRequested;

	void attach(WebSocketSession session) throws IOException {
		this.session = session;
		if (closeRequested) {
			session.close(CloseStatus.GOING_AWAY);
		}
	}

	@Override
	public void write(byte[] frame) throws Exception {
		WebSocketSession s = session;
		if (s == null || !s.isOpen()) {
			throw new IOException("WebSocket session not open");
		}
		s.sendMessage(new TextMessage(frame));
	}

	@Override
	public void close(String reason) {
		closeRequested = true;
		WebSocketSession s = session;
		if (s != null && s.isOpen()) {
			try {
				s.close(CloseStatus.GOING_AWAY);
			}
			catch (IOException ex) {
				// already closing
			}
		}
	}
}
