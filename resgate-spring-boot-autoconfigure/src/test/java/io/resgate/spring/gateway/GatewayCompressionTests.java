package io.resgate.spring.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-message compression is negotiated only when {@code resgate.ws-compression} allows it.
 */
class GatewayCompressionTests {

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.ws-compression=true");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void compressionIsNegotiatedWhenEnabled() throws Exception {
		String head = RawHandshake.upgrade(app.port(), "Sec-WebSocket-Extensions: permessage-deflate\r\n");
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(head.toLowerCase()).contains("sec-websocket-extensions: permessage-deflate");
	}
}
