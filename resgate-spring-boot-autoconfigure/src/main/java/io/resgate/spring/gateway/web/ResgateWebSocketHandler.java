package io.resgate.spring.gateway.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.session.ClientConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;

/**
 * The RES-Client WebSocket endpoint: a thin adapter that passes frames to the {@link GatewayService}
 * and writes the connection's outgoing frames. The connection itself is created during the
 * handshake by {@link ResgateHandshakeInterceptor}.
 *
 * <p>Messages are received in parts and assembled here, so that a large message costs memory only
 * while it arrives; a message larger than the configured limit is dropped (and logged), and the
 * connection stays open.
 */
public class ResgateWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ResgateWebSocketHandler.class);

	private static final String BUFFER = ResgateWebSocketHandler.class.getName() + ".buffer";

	private final GatewayService gateway;

	private final int maxMessageSize;

	/** Collects the parts of one incoming message. */
	private static final class Assembly {
		final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		final StringBuilder text = new StringBuilder();

		boolean tooBig;

		void reset() {
			bytes.reset();
			text.setLength(0);
			tooBig = false;
		}
	}

	/**
	 * Creates the handler.
	 * @param gateway the gateway core
	 * @param maxMessageSize the largest incoming message, in bytes (binary) or characters (text)
	 */
	public ResgateWebSocketHandler(GatewayService gateway, int maxMessageSize) {
		this.gateway = gateway;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		SessionWriter writer = (SessionWriter) session.getAttributes().get(ResgateHandshakeInterceptor.WRITER);
		if (writer == null || connection(session) == null) {
			session.close(CloseStatus.SERVER_ERROR);
			return;
		}
		session.getAttributes().put(BUFFER, new Assembly());
		writer.attach(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		ClientConnection conn = connection(session);
		Assembly a = (Assembly) session.getAttributes().get(BUFFER);
		if (conn == null || a == null) {
			return;
		}
		if (message.isLast() && a.text.isEmpty() && !a.tooBig) {
			gateway.onFrame(conn, message.getPayload());
			return;
		}
		if (!a.tooBig) {
			if (a.text.length() + message.getPayloadLength() > maxMessageSize) {
				a.tooBig = true;
				a.text.setLength(0);
			}
			else {
				a.text.append(message.getPayload());
			}
		}
		if (message.isLast()) {
			if (a.tooBig) {
				logger.warn("Dropped a WebSocket message larger than " + maxMessageSize + " from [" + conn.cid() + "]");
			}
			else {
				gateway.onFrame(conn, a.text.toString());
			}
			a.reset();
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		ClientConnection conn = connection(session);
		Assembly a = (Assembly) session.getAttributes().get(BUFFER);
		if (conn == null || a == null) {
			return;
		}
		ByteBuffer buf = message.getPayload();
		if (!a.tooBig) {
			if (a.bytes.size() + buf.remaining() > maxMessageSize) {
				a.tooBig = true;
				a.bytes.reset();
			}
			else {
				byte[] b = new byte[buf.remaining()];
				buf.get(b);
				a.bytes.writeBytes(b);
			}
		}
		if (message.isLast()) {
			if (a.tooBig) {
				logger.warn("Dropped a WebSocket message larger than " + maxMessageSize + " from [" + conn.cid() + "]");
			}
			else {
				gateway.onFrame(conn, a.bytes.toString(StandardCharsets.UTF_8));
			}
			a.reset();
		}
	}

	@Override
	public void handleTransportError(WebSocketSession session, Throwable exception) {
		logger.debug("WebSocket transport error: " + exception);
	}

	@Override
	public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
		ClientConnection conn = connection(session);
		if (conn != null) {
			gateway.disconnected(conn);
		}
	}

	private static ClientConnection connection(WebSocketSession session) {
		return (ClientConnection) session.getAttributes().get(ResgateHandshakeInterceptor.CONNECTION);
	}
}
