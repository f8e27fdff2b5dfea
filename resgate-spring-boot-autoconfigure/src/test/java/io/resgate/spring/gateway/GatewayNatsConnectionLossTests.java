package io.resgate.spring.gateway;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.nats.client.Options;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewayState;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When NATS stays away for longer than the outage grace period, clients are closed once and the app
 * reports itself not ready until NATS is back; then clients can connect and subscribe again. (A
 * shorter outage keeps the clients: {@code GatewayOutageTests}, {@code GatewayNatsFaultsTests}.)
 */
class GatewayNatsConnectionLossTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static GatewayTestApp.Running app;

	private static final List<ReadinessState> readiness = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.nats.url=" + nats.url(), "resgate.nats.reconnect-wait=100ms",
				"resgate.nats.outage-grace-period=300ms");
		app.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) e -> {
			if (e.getState() instanceof ReadinessState r) {
				readiness.add(r);
			}
		});
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void pastTheGracePeriodClientsAreClosedAndTheAppIsNotReadyUntilNatsIsBack() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		ApplicationAvailability availability = app.context().getBean(ApplicationAvailability.class);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		try (NatsMessaging conn = NatsMessaging.connect(new Options.Builder().server(nats.url()));
				ServiceStub service = new ServiceStub(conn);
				WsTestClient c = WsTestClient.connect(app.wsUri())) {
			long id = c.send("subscribe.e2e.loss", null);
			var reqs = service.nextParallel(2);
			ServiceStub.pick(reqs, "access.e2e.loss").result("{\"get\":true}");
			ServiceStub.pick(reqs, "get.e2e.loss").result("{\"model\":{\"a\":1}}");
			c.response(id);

			nats.stop();
			assertThat(c.awaitClosed()).isEqualTo(1001);
			assertThat(gateway.state()).isEqualTo(GatewayState.DOWN);
			// the closed client's resources leave the cache
			await().atMost(Duration.ofSeconds(5)).until(() -> !gateway.cache().isCached("e2e.loss"));
			await().atMost(Duration.ofSeconds(5))
				.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
			nats.start();
		}
		await().atMost(Duration.ofSeconds(10)).until(gateway::isAvailable);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
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
