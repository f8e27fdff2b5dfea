package io.resgate.spring.gateway.faults;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewayState;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * NATS faults the clients should barely notice, on a real 3-node cluster under load
 * ({@link FaultTestSupport}): the gateway's node dies, and all of NATS is away for 5 seconds (less
 * than the outage grace period, 10 s by default), and the gateway's node hangs (found by pings).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayNatsFaultsTests extends FaultTestSupport {

	/**
	 * The gateway's NATS ping interval: with 2 pings out, a hung server is found in 2 to 3 s. Shorter
	 * intervals find it sooner, but on a loaded machine a live server can then miss a pong or two.
	 */
	private static final Duration PING_INTERVAL = Duration.ofSeconds(1);

	@RegisterExtension
	static NatsServerExtension cluster = NatsServerExtension.cluster(3);

	private static GatewayTestApp.Running app;

	@BeforeAll
	static void startGateway() {
		app = GatewayTestApp.start("resgate.nats.url=" + cluster.urls(), "resgate.nats.reconnect-wait=250ms",
				"resgate.nats.ping-interval=" + PING_INTERVAL.toMillis() + "ms", "resgate.nats.max-pings-out=2",
				"resgate.nats.connection-timeout=1s");
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
	@Order(1)
	void nodeKill() throws Exception {
		startServiceAndClients(false);
		startLoad();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= 10);

		NatsServerExtension.Node node = awaitGatewayNode();
		long gets = service.getRequests.get();
		long accesses = service.accessRequests.get() - service.callRequests.get();
		long killed = System.nanoTime();
		node.kill();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5))
			.until(() -> app.messaging().isConnected() && gatewayNode() != node);
		long reconnected = System.nanoTime();
		int[] missed = service.snapshot();
		Duration consistent = awaitConsistentWith(missed, killed, CONSISTENT_WITHIN);
		// each call sends an access request too (the caller subscribes nothing)
		String resync = (service.getRequests.get() - gets) + " get and "
				+ (service.accessRequests.get() - service.callRequests.get() - accesses) + " access requests";
		// load goes on after the failover
		int callsBefore = caller.requests.size();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= callsBefore + 10);
		stopLoadAndAwaitExactCounts();

		assertThat(everyClient().mapToInt(c -> c.closedByGateway.get()).sum()).as("clients closed").isZero();
		// a failover must never leave a request hanging; the 1 s bound is the full outage's (a loaded machine
		// has taken 1.2 s to answer a request in flight at the kill)
		assertEveryRequestAnsweredInTime(killed, reconnected, Duration.ofSeconds(2));
		List<TrackingClient.Request> all = allRequests();
		List<TrackingClient.Request> failed = all.stream().filter(r -> r.errorCode() != null).toList();
		assertThat(failed).allSatisfy(r -> {
			assertThat(r.errorCode()).isEqualTo("system.serviceUnavailable");
			// in flight at the kill, or sent during the failover
			assertThat(r.sentNanos + r.waited().toNanos()).as("answered").isGreaterThanOrEqualTo(killed);
			assertThat(r.sentNanos).as("sent").isLessThanOrEqualTo(reconnected + Duration.ofMillis(500).toNanos());
		});
		report("node kill: NATS reconnected after " + ms(Duration.ofNanos(reconnected - killed))
				+ ", every client consistent " + ms(consistent) + " after the kill; " + failed.size() + " of "
				+ all.size() + " requests failed with system.serviceUnavailable, slowest answer " + slowest(killed)
				+ "; 0 of " + (CLIENTS + 2) + " clients closed; the resync cost the service " + resync);
	}

	@Test
	@Order(2)
	void fiveSecondOutageOfAllNodes() throws Exception {
		GatewayService gateway = app.context().getBean(GatewayService.class);
		startServiceAndClients(false);
		startLoad();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= 10);

		long lost = System.nanoTime();
		cluster.nodes().forEach(NatsServerExtension.Node::kill);
		int callsAtLoss = caller.requests.size();
		// the outage lasts 5 s; meanwhile every request is answered at once and nobody is closed
		long end = lost + Duration.ofSeconds(5).toNanos();
		TrackingClient latecomer = null;
		while (System.nanoTime() < end) {
			assertNoRequestWaitsTooLong(lost);
			assertThat(everyClient().mapToInt(c -> c.closedByGateway.get()).sum()).isZero();
			if (latecomer == null && gateway.state() == GatewayState.RECONNECTING) {
				latecomer = TrackingClient.connect(app.wsUri(), http, false);
				assertThat(latecomer.subscribeRoot().at("/error/code").asString())
					.isEqualTo("system.serviceUnavailable");
			}
			await().pollDelay(Duration.ofMillis(50)).until(() -> true); // watch every 50 ms
		}
		assertThat(gateway.state()).isEqualTo(GatewayState.RECONNECTING);
		assertThat(caller.requests.size()).as("calls during the outage").isGreaterThan(callsAtLoss + 50);
		long back = System.nanoTime();
		cluster.start();
		int[] missed = service.snapshot();
		await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(5)).until(gateway::isAvailable);
		Duration reconnect = Duration.ofNanos(System.nanoTime() - back);
		Duration consistent = awaitConsistentWith(missed, back, CONSISTENT_WITHIN);
		int callsAfter = caller.requests.size();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= callsAfter + 10);
		stopLoadAndAwaitExactCounts();

		assertThat(everyClient().mapToInt(c -> c.closedByGateway.get()).sum()).as("clients closed").isZero();
		assertEveryRequestAnsweredInTime(lost, back);
		List<TrackingClient.Request> all = allRequests();
		assertThat(all.stream().map(TrackingClient.Request::errorCode).filter(Objects::nonNull).distinct())
			.containsExactly("system.serviceUnavailable");
		assertThat(versionAsker.requests).allSatisfy(r -> assertThat(r.errorCode()).isNull());
		latecomer.close();
		report("5 s outage: " + all.stream().filter(r -> r.errorCode() != null).count() + " of " + all.size()
				+ " requests answered system.serviceUnavailable, slowest answer " + slowest(lost)
				+ "; gateway reconnected " + ms(reconnect) + " and every client consistent " + ms(consistent)
				+ " after NATS was back (" + service.eventsLost.get() + " events lost meanwhile); 0 of "
				+ (CLIENTS + 2) + " clients closed");
	}

	@Test
	@Order(3)
	void hungNode() throws Exception {
		startServiceAndClients(false);
		startLoad();
		await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= 10);

		NatsServerExtension.Node node = awaitGatewayNode();
		long hung = System.nanoTime();
		node.pause();
		try {
			// no TCP reset: only the unanswered pings tell the gateway that its server is gone
			await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
				.until(() -> app.messaging().isConnected() && gatewayNode() != node);
			long reconnected = System.nanoTime();
			int[] missed = service.snapshot();
			Duration consistent = awaitConsistentWith(missed, reconnected, CONSISTENT_WITHIN);
			int callsBefore = caller.requests.size();
			await().atMost(Duration.ofSeconds(5)).until(() -> caller.requests.size() >= callsBefore + 10);
			stopLoadAndAwaitExactCounts();

			assertThat(everyClient().mapToInt(c -> c.closedByGateway.get()).sum()).as("clients closed").isZero();
			List<TrackingClient.Request> all = allRequests();
			assertThat(all).allSatisfy(r -> {
				if (r.sentNanos >= hung && r.sentNanos <= reconnected) {
					// sent to the hung server before the pings told: answered by the request timeout at worst
					assertThat(r.errorCode()).as(r.method).isIn(null, "system.serviceUnavailable", "system.timeout");
				}
				else {
					assertThat(r.errorCode()).as(r.method).isIn(null, "system.serviceUnavailable");
				}
				// the request timeout (2.5 s in these tests) and some room
				assertThat(r.waited()).as(r.method).isLessThan(Duration.ofSeconds(4));
			});
			List<TrackingClient.Request> failed = all.stream().filter(r -> r.errorCode() != null).toList();
			long timedOut = failed.stream().filter(r -> "system.timeout".equals(r.errorCode())).count();
			report("hung node: found and NATS reconnected after " + ms(Duration.ofNanos(reconnected - hung))
					+ " (ping interval " + ms(PING_INTERVAL) + ", 2 pings out), every client consistent "
					+ ms(consistent) + " after that; " + failed.size() + " of " + all.size()
					+ " requests failed (" + timedOut + " of them with system.timeout, the others system.serviceUnavailable), slowest answer " + slowest(hung) + "; 0 of "
					+ (CLIENTS + 2) + " clients closed");
		}
		finally {
			node.resume();
		}
	}
}
