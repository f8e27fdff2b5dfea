package io.resgate.spring.gateway.faults;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewayState;
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
 * All of NATS away for longer than the outage grace period (1 s here), on a real 3-node cluster
 * under load ({@link FaultTestSupport}): each client is closed once, and comes back (as ResClient
 * does) without being closed again; the app is not ready until NATS is back.
 */
class GatewayNatsLongOutageTests extends FaultTestSupport {

	private static final Duration GRACE = Duration.ofSeconds(1);

	@RegisterExtension
	static NatsServerExtension cluster = NatsServerExtension.cluster(3);

	private static GatewayTestApp.Running app;

	private static final List<ReadinessState> readiness = new CopyOnWriteArrayList<>();

	private static volatile long readyAt;

	@BeforeAll
	static void startGateway() {
		app = GatewayTestApp.start("resgate.nats.url=" + cluster.urls(), "resgate.nats.reconnect-wait=250ms",
				"resgate.nats.outage-grace-period=" + GRACE.toMillis() + "ms");
		app.context().addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) e -> {
			if (e.getState() instanceof ReadinessState r) {
				readiness.add(r);
				readyAt = System.nanoTime();
			}
		});
	}

	@AfterAll
	static void stopGateway() {
		app.close();
	}

	@Override
	NatsServerExtension cluster() {
		return cluster;
	}

	@Override
	GatewayTestApp.Running app() {
		return app;
	}

	@Test
	void outageLongerThanTheGracePeriod() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		ApplicationAvailability availability = app.context().getBean(ApplicationAvailability.class);
		startServiceAndClients(true);
		startLoad();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= 10);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);

		long lost = System.nanoTime();
		cluster.nodes().forEach(NatsServerExtension.Node::kill);
		await().atMost(GRACE.plusSeconds(3)).pollInterval(Duration.ofMillis(10))
			.until(() -> everyClient().allMatch(c -> c.closedByGateway.get() > 0));
		Duration closedAfter = Duration.ofNanos(System.nanoTime() - lost);
		assertThat(closedAfter).isGreaterThanOrEqualTo(GRACE);
		assertThat(gateway.state()).isEqualTo(GatewayState.DOWN);
		await().atMost(Duration.ofSeconds(2))
			.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
		// the clients come back while NATS is still down, and are not closed again
		await().atMost(Duration.ofSeconds(5)).until(() -> everyClient().allMatch(TrackingClient::isOpen));
		assertThat(caller.send("call.fault.item.1.inc").response.join().at("/error/code").asString())
			.isEqualTo("system.serviceUnavailable");

		long back = System.nanoTime();
		cluster.start();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
			.until(() -> availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC);
		Duration ready = Duration.ofNanos(readyAt - back);
		// as an app on ResClient after a reconnect: subscribe again (until its service is back too)
		int[] missed = service.snapshot();
		clients.forEach(c -> c.subscribeRootUntilServed(CONSISTENT_WITHIN));
		Duration consistent = awaitConsistentWith(missed, System.nanoTime(), CONSISTENT_WITHIN);
		stopLoadAndAwaitExactCounts();

		assertThat(everyClient()).allSatisfy(c -> {
			assertThat(c.closedByGateway.get()).as("closes").isEqualTo(1);
			assertThat(c.closeReasons).singleElement().asString().startsWith("1001");
		});
		assertThat(readiness).containsExactly(ReadinessState.REFUSING_TRAFFIC, ReadinessState.ACCEPTING_TRAFFIC);
		report("outage longer than the grace period (" + ms(GRACE) + "): each of " + (CLIENTS + 2)
				+ " clients closed once, " + ms(closedAfter) + " after the loss (close reason: "
				+ caller.closeReasons.peek() + "); ready again " + ms(ready) + " after NATS was back; every client, subscribing again "
				+ "then, consistent " + ms(consistent) + " later");
	}
}
