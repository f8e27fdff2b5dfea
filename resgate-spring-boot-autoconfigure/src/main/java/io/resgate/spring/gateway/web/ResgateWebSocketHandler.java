package io.resgate.spring.gateway.web;

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
 */
public class ResgateWebSocketHandler extends AbstractWebSocketHandler {

	private static final Log logger = LogFactory.getLog(ResgateWebSocketHandler.class);

	private final GatewayService gateway;

	private final int maxMessageSize;

	/**
	 * Creates the handler.
	 * @param gateway the gateway core
	 * @param maxMessageSize the largest incoming message in bytes
	 */
	public ResgateWebSocketHandler(GatewayService gateway, int maxMessageSize) {
		this.gateway = gateway;
		this.maxMessageSize = maxMessageSize;
	}

	@Override
	public void afterConnectionEstablished(WebSocketSession session) throws Exception {
		session.setTextMessageSizeLimit(maxMessageSize);
		session.setBinaryMessageSizeLimit(maxMessageSize);
		SessionWriter writer = (SessionWriter) session.getAttributes().get(ResgateHandshakeInterceptor.WRITER);
		if (writer == null || connection(session) == null) {
			session.close(CloseStatus.SERVER_ERROR);
			return;
		}
		writer.attach(session);
	}

	@Override
	protected void handleTextMessage(WebSocketSession session, TextMessage message) {
		ClientConnection conn = connection(session);
		if (conn != null) {
			gateway.onFrame(conn, message.getPayload());
		}
	}

	@Override
	protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
		ClientConnection conn = connection(session);
		if (conn != null) {
			var buf = message.getPayload();
			byte[] b = new byte[buf.remaining()];
			buf.get(b);
			gateway.onFrame(conn, new String(b, StandardCharsets.UTF_8));
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
