package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import io.resgate.spring.gateway.session.FrameWriter;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * Writes a connection's frames to its WebSocket session, once the handshake has completed.
 * Called by the connection's single writer only. Where the container allows it, frames are batched
 * and flushed whenever the connection's queue runs empty.
 */
final class SessionWriter implements FrameWriter {

	private volatile WebSocketSession session;

	private volatile CloseStatus closeRequested;

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
		CloseStatus close = closeRequested;
		if (close != null) {
			session.close(close);
		}
	}

	/**
	 * Writes the frames, blocking the calling thread (the queue's writer executor) until they are
	 * sent, then reports completion.
	 */
	@Override
	public void write(List<byte[]> frames, Consumer<Throwable> done) {
		try {
			WebSocketSession s = session;
			if (s == null || !s.isOpen()) {
				throw new IOException("WebSocket session not open");
			}
			for (byte[] frame : frames) {
				s.sendMessage(new TextMessage(frame));
			}
			jakarta.websocket.RemoteEndpoint.Basic b = batching;
			if (b != null && s.isOpen()) {
				b.flushBatch();
			}
		}
		catch (Exception ex) {
			done.accept(ex);
			return;
		}
		done.accept(null);
	}

	@Override
	public void close(int code, String reason) {
		CloseStatus status = new CloseStatus(code, reason);
		closeRequested = status;
		WebSocketSession s = session;
		if (s != null && s.isOpen()) {
			try {
				s.close(status);
			}
			catch (IOException | RuntimeException ex) {
				// already closing
			}
		}
	}
}
