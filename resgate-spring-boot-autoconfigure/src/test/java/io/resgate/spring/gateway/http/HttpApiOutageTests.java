package io.resgate.spring.gateway.http;

import java.time.Duration;

import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP API while NATS is away answers as the WebSocket does: {@code system.serviceUnavailable}
 * (503), at once, also for a request that was out when the connection was lost.
 */
class HttpApiOutageTests extends HttpApiTestSupport {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@BeforeAll
	static void start() throws Exception {
		startApp(nats, "resgate.nats.reconnect-wait=100ms", "resgate.request-timeout=20s");
	}

	@AfterAll
	static void stop() {
		stopApp();
	}

	@Test
	void aCallOutWhenNatsIsLostIsAnsweredAtOnce() throws Exception {
		ApiClient.Pending p = api.post("/api/test/model/method", "{}");
		service.next("access.test.model").result("{\"get\":true,\"call\":\"*\"}");
		service.next("call.test.model.method"); // and no answer: the service waits
		long lost;
		try {
			nats.stop();
			lost = System.nanoTime();
			p.response().assertStatus(503).assertError("system.serviceUnavailable", "Service unavailable");
			// long before the request timeout of 20 s
			assertThat(Duration.ofNanos(System.nanoTime() - lost)).isLessThan(Duration.ofSeconds(2));
			api.get("/api/test/model").response().assertStatus(503)
				.assertError("system.serviceUnavailable", "Service unavailable");
		}
		finally {
			nats.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> gateway().isAvailable());
	}
}
