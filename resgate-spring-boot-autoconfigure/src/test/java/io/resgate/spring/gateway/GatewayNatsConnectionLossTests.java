package io.resgate.spring.gateway;

import java.time.Duration;

import io.nats.client.Options;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the NATS connection is lost, clients are disconnected and the cache is cleared; after the
 * reconnect clients can connect and subscribe again.
 */
class GatewayNatsConnectionLossTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.nats.url=" + nats.url(), "resgate.nats.reconnect-wait=100ms",
				"resgate.cache.unsubscribe-delay=5s");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void lostConnectionClosesClientsAndClearsTheCache() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		try (NatsMessaging conn = NatsMessaging.connect(new Options.Builder().server(nats.url()));
				ServiceStub service = new ServiceStub(conn);
				WsTestClient c = WsTestClient.connect(app.wsUri())) {
			long id = c.send("subscribe.e2e.loss", null);
			var reqs = service.nextParallel(2);
			ServiceStub.pick(reqs, "access.e2e.loss").result("{\"get\":true}");
			ServiceStub.pick(reqs, "get.e2e.loss").result("{\"model\":{\"a\":1}}");
			c.response(id);
			assertThat(gateway.cache().isCached("e2e.loss")).isTrue();

			nats.stop();
			c.awaitClosed();
			await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.cache().isCached("e2e.loss"));
			nats.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(gateway::isAvailable);
		try (NatsMessaging conn = NatsMessaging.connect(new Options.Builder().server(nats.url()));
				ServiceStub service = new ServiceStub(conn);
				WsTestClient c = WsTestClient.connect(app.wsUri())) {
			long id = c.send("subscribe.e2e.loss", null);
			var reqs = service.nextParallel(2);
			ServiceStub.pick(reqs, "access.e2e.loss").result("{\"get\":true}");
			ServiceStub.pick(reqs, "get.e2e.loss").result("{\"model\":{\"a\":2}}");
			assertThat(c.response(id).get("result").get("models").get("e2e.loss").get("a").asInt()).isEqualTo(2);
		}
	}
}
