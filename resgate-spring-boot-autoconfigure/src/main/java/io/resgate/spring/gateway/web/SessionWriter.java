package io.resgate.spring.gateway.web;

import java.io.IOException;

import io.resgate.spring.gateway.session.OutboundQueue;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes a connection's frames to its WebSocket session, once the handshake has completed.
 * Called by the connection's single writer only. Where the container allows it, frames are batched
 * and flushed whenever the connection's queue runs empty.
 */
final class SessionWriter implements OutboundQueue.FrameWriter {

	private volatile WebSocketSession session;

	private volatile boolean closeRequested;

	private volatile jakarta.websocket.RemoteEndpoint.Basic batching;

	void attach(WebSocketSession session) throws IOException {
		if (session instanceof org.springframework.web.socket.adapter.NativeWebSocketSession nws) {
			jakarta.websocket.Session s = nws.getNativeSession(jakarta.websocket.Session.class);
			if (s != null) {
				try {
					s.getBasicRemote().setBatchingAllowed(true);
					batching = s.getBasicRemote();
				}
				catch (IOException | RuntimeException ex) {
					batching = null;
				}
			}
		}
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
	public void flush() throws Exception {
		jakarta.websocket.RemoteEndpoint.Basic b = batching;
		WebSocketSession s = session;
		if (b != null && s != null && s.isOpen()) {
			b.flushBatch();
		}
	}

	@Override
	public void close(String reason) {
		closeRequested = true;
		WebSocketSession s = session;
		if (s != null && s.isOpen()) {
			try {
				s.close(CloseStatus.GOING_AWAY);
			}
			catch (IOException | RuntimeException ex) {
				// already closing
			}
		}
	}
}
