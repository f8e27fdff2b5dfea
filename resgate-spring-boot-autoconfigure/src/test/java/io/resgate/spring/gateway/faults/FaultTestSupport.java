package io.resgate.spring.gateway.faults;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the NATS fault tests share: a gateway app on a 3-node nats-server cluster, a
 * {@link FaultService} on the cluster, 50 clients subscribed to its 101 resources, and load: the
 * service changes 200 counts a second, one client calls every 50 ms, another asks for the version
 * every 250 ms. Figures are printed with a {@code [faults]} prefix, for docs/operations.md.
 */
abstract class FaultTestSupport {

	static final int CLIENTS = 50;

	static final int ITEMS = 100;

	static final Duration CONSISTENT_WITHIN = Duration.ofSeconds(3);

	static final Duration ANSWERED_WITHIN = Duration.ofSeconds(1);

	static final Duration NEVER_HANGS = Duration.ofSeconds(3);

	final HttpClient http = HttpClient.newHttpClient();

	final List<TrackingClient> clients = new ArrayList<>();

	TrackingClient caller;

	TrackingClient versionAsker;

	FaultService service;

	private final ScheduledExecutorService load = Executors.newScheduledThreadPool(2);

	abstract NatsServerExtension cluster();

	abstract GatewayTestApp.Running app();

	NatsMessaging gatewayMessaging() {
		return (NatsMessaging) app().messaging();
	}

	/** @return the node the gateway is connected to */
	NatsServerExtension.Node gatewayNode() {
		String url = gatewayMessaging().connection().getConnectedUrl();
		return (url == null) ? null : cluster().nodeOf(url);
	}

	/** @return the node the gateway is connected to, once it is connected */
	NatsServerExtension.Node awaitGatewayNode() {
		return await().atMost(Duration.ofSeconds(10)).until(this::gatewayNode, Objects::nonNull);
	}

	/**
	 * Starts the service on a node the gateway is not connected to, and the subscribed clients.
	 * @param comesBack whether clients connect again after the gateway closed them
	 */
	void startServiceAndClients(boolean comesBack) throws Exception {
		NatsServerExtension.Node gw = awaitGatewayNode();
		List<String> urls = new ArrayList<>();
		cluster().nodes().stream().filter(n -> n != gw).forEach(n -> urls.add(n.url()));
		urls.add(gw.url());
		service = new FaultService(ITEMS, urls.toArray(String[]::new));
		// the service's subscriptions reach the gateway's node over the cluster's routes a moment later: until
		// then a client's subscribe would find no service (call.fault.> is subscribed last, in order)
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> app().messaging()
			.request("call.fault.probe.none", new byte[0], Duration.ofSeconds(1)).get(2, TimeUnit.SECONDS) != null);
		for (int i = 0; i < CLIENTS; i++) {
			TrackingClient c = TrackingClient.connect(app().wsUri(), http, comesBack);
			clients.add(c);
			c.send("subscribe." + FaultService.ROOT);
		}
		caller = TrackingClient.connect(app().wsUri(), http, comesBack);
		versionAsker = TrackingClient.connect(app().wsUri(), http, comesBack);
		await().atMost(Duration.ofSeconds(20)).until(() -> allHave(service.snapshot()));
	}

	/** Starts the service's changes and the clients' requests. */
	void startLoad() {
		service.startChanges(200);
		load.scheduleAtFixedRate(
				() -> caller.send("call." + FaultService.item(ThreadLocalRandom.current().nextInt(ITEMS)) + ".inc"), 0,
				50, TimeUnit.MILLISECONDS);
		load.scheduleAtFixedRate(() -> versionAsker.send("version"), 0, 250, TimeUnit.MILLISECONDS);
	}

	void stopLoad() throws InterruptedException {
		load.shutdownNow();
		load.awaitTermination(5, TimeUnit.SECONDS);
		service.stopChanges();
	}

	Stream<TrackingClient> everyClient() {
		return Stream.concat(clients.stream(), Stream.of(caller, versionAsker));
	}

	boolean allHave(int[] snapshot) {
		return clients.stream().allMatch(c -> c.hasAtLeast(snapshot));
	}

	/**
	 * Waits until every subscribed client has caught up with the service's counts of a moment,
	 * and returns how long that took from then.
	 */
	Duration awaitConsistentWith(int[] snapshot, long sinceNanos, Duration within) {
		try {
			Duration left = within.minusNanos(System.nanoTime() - sinceNanos);
			await().atMost(left.isNegative() ? Duration.ofMillis(1) : left).pollDelay(Duration.ZERO)
				.pollInterval(Duration.ofMillis(20)).until(() -> allHave(snapshot));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError(clients.stream().filter(c -> !c.hasAtLeast(snapshot)).count()
					+ " client(s) behind the service, the first in (item:client/service)"
					+ clients.stream().filter(c -> !c.hasAtLeast(snapshot)).findFirst().orElseThrow()
						.differences(snapshot), ex);
		}
		return Duration.ofNanos(System.nanoTime() - sinceNanos);
	}

	/** Stops the load and checks that every client has exactly the service's counts. */
	void stopLoadAndAwaitExactCounts() throws InterruptedException {
		stopLoad();
		// calls still out change counts when the service gets them
		try {
			await().atMost(NEVER_HANGS).until(() -> everyClient().allMatch(c -> c.unanswered().isEmpty()));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("unanswered: " + everyClient().flatMap(c -> c.unanswered().stream())
				.map(r -> r.method + " waiting " + ms(r.waited())).toList(), ex);
		}
		int[] last = service.snapshot();
		try {
			await().atMost(CONSISTENT_WITHIN).pollInterval(Duration.ofMillis(20))
				.until(() -> clients.stream().allMatch(c -> c.hasExactly(last)));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError(clients.stream().filter(c -> !c.hasExactly(last)).count()
					+ " client(s) differ from the service, the first in (item:client/service)"
					+ clients.stream().filter(c -> !c.hasExactly(last)).findFirst().orElseThrow().differences(last)
					+ "; the gateway's cache has " + cached(last) + "; the service could not send "
					+ service.eventsLost.get() + " event(s)", ex);
		}
	}

	/** @return the gateway's cached counts of the items whose count is not the service's */
	private String cached(int[] expected) {
		io.resgate.spring.gateway.cache.ResourceCache cache = app().context()
			.getBean(io.resgate.spring.gateway.requests.GatewayService.class).cache();
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < expected.length; i++) {
			io.resgate.spring.gateway.cache.ResourceState st = cache.state(FaultService.item(i));
			String n = (st == null) ? "none" : String.valueOf(st.model().get("n").json());
			if (!n.equals(String.valueOf(expected[i]))) {
				sb.append(' ').append(i).append(':').append(n);
			}
		}
		return sb.toString();
	}

	/**
	 * Fails if a request has waited for longer than {@link #ANSWERED_WITHIN} since it was sent or
	 * since NATS went away, whichever came last.
	 * @param lost when NATS went away
	 */
	void assertNoRequestWaitsTooLong(long lost) {
		long now = System.nanoTime();
		everyClient().forEach(c -> assertThat(c.unanswered()).allSatisfy(r -> assertThat(
				Duration.ofNanos(now - Math.max(lost, r.sentNanos))).as(r.method).isLessThan(ANSWERED_WITHIN)));
	}

	/**
	 * Checks that every request was answered, and in time: a request sent while NATS was away, or
	 * in flight when it went, within {@link #ANSWERED_WITHIN} of being sent or of the loss; any
	 * other within {@link #NEVER_HANGS} (the gateway's request timeout is 1.5 s; on a loaded machine
	 * a service may be slow, which is not what these tests are about).
	 * @param lost when NATS went away
	 * @param back when it was back
	 */
	void assertEveryRequestAnsweredInTime(long lost, long back) {
		assertEveryRequestAnsweredInTime(lost, back, ANSWERED_WITHIN);
	}

	/**
	 * As {@link #assertEveryRequestAnsweredInTime(long, long)}, with another bound for the requests sent
	 * while NATS was away or in flight when it went.
	 */
	void assertEveryRequestAnsweredInTime(long lost, long back, Duration within) {
		assertThat(allRequests()).allSatisfy(r -> {
			assertThat(r.response).as(r.method).isDone();
			long answered = r.sentNanos + r.waited().toNanos();
			if (r.sentNanos >= lost && r.sentNanos <= back) {
				assertThat(r.waited()).as(r.method + " sent while NATS was away").isLessThan(within);
			}
			else if (r.sentNanos < lost && answered > lost) {
				assertThat(Duration.ofNanos(answered - lost)).as(r.method + " in flight when NATS went away")
					.isLessThan(within);
			}
			else {
				assertThat(r.waited()).as(r.method).isLessThan(NEVER_HANGS);
			}
			assertThat(r.errorCode()).as(r.method).isNotEqualTo("system.timeout");
		});
	}

	/** @return every request of every client */
	List<TrackingClient.Request> allRequests() {
		return everyClient().flatMap(c -> c.requests.stream()).toList();
	}

	static void report(String line) {
		System.out.println("[faults] " + line);
	}

	/** @return the slowest request, with when it was sent relative to a moment, for the report */
	String slowest(long sinceNanos) {
		TrackingClient.Request r = allRequests().stream()
			.max((a, b) -> a.waited().compareTo(b.waited())).orElseThrow();
		return ms(r.waited()) + " (" + r.method + " sent " + ms(Duration.ofNanos(r.sentNanos - sinceNanos))
				+ " after the fault began, " + ((r.errorCode() != null) ? r.errorCode() : "success") + ")";
	}

	static String ms(Duration d) {
		return d.toMillis() + " ms";
	}

	@AfterEach
	void closeAll() throws Exception {
		load.shutdownNow();
		everyClient().forEach(c -> {
			if (c != null) {
				c.close();
			}
		});
		if (service != null) {
			service.close();
		}
		cluster().start(); // every node up for the next test
		await().atMost(Duration.ofSeconds(10)).until(() -> app().messaging().isConnected());
	}
}
