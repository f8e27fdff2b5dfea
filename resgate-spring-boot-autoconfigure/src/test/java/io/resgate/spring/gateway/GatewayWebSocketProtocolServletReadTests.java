package io.resgate.spring.gateway;

import org.junit.jupiter.api.BeforeAll;

/**
 * The WebSocket protocol tests with {@code resgate.gateway.read-threads=0}: every connection is read
 * through the Servlet API, on the container's threads, as on a container whose sockets cannot be
 * taken over.
 */
class GatewayWebSocketProtocolServletReadTests extends GatewayWebSocketProtocolTests {

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.gateway.max-message-size=" + LIMIT, "resgate.gateway.read-threads=0");
	}

	/** Not a test here: no socket is taken over. */
	@Override
	void socketsAreReadByTheReadLoops() {
	}
}
