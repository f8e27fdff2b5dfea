package io.resgate.spring.gateway;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the application closes the WebSocket connections at once, with a close frame (1001).
 */
class GatewayShutdownTests {

	@Test
	void stoppingTheAppClosesClientConnectionsPromptly() {
		GatewayTestApp.Running app = GatewayTestApp.start();
		WsTestClient c = WsTestClient.connect(app.wsUri());
		assertThat(c.request("version", null).has("result")).isTrue();
		long start = System.nanoTime();
		app.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(c.awaitClosed()).isEqualTo(1001);
	}
}
