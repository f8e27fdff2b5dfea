package io.resgate.spring.gateway;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.gateway.requests.GatewayState;
import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.ClientSink;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.MessageSubscription;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway core through a (simulated) loss of its messaging connection: clients stay for the
 * outage grace period, requests that need a service fail at once with one error, and afterwards
 * the cache is resynchronized as after a system reset; past the grace period clients are closed
 * once. The same on a real nats-server cluster under load: {@code GatewayNatsFaultsTests}.
 */
class GatewayOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	private final LocalMessaging bus = new LocalMessaging();

	private final Map<String, String> models = new ConcurrentHashMap<>();

	private volatile boolean accessGranted = true;

	private final List<MessageSubscription> serviceSubscriptions = new CopyOnWriteArrayList<>();

	private final List<GatewayState> states = new CopyOnWriteArrayList<>();

	private GatewayService gateway;

	private void startGateway(Duration grace) {
		gateway = new GatewayService(bus, new ResCodec(),
				new GatewaySettings(Duration.ofSeconds(2), Duration.ofMillis(50), 0, 0, 1000, null)
					.withOutageGracePeriod(grace));
		gateway.addStateListener(states::add);
		gateway.start();
		startService();
	}

	/** A service: access by {@link #accessGranted}, models from {@link #models}, calls hang. */
	private void startService() {
		serviceSubscriptions.add(bus.subscribe("access.outage.>", m -> reply(m,
				accessGranted ? "{\"result\":{\"get\":true,\"call\":\"*\"}}" : "{\"result\":{\"get\":false}}")));
		serviceSubscriptions.add(bus.subscribe("get.outage.>", m -> {
			String model = models.get(m.subject().substring("get.".length()));
			reply(m, (model == null) ? "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}"
					: "{\"result\":{\"model\":" + model + "}}");
		}));
		serviceSubscriptions.add(bus.subscribe("call.outage.>", m -> {
		}));
	}

	private void stopService() {
		serviceSubscriptions.forEach(MessageSubscription::unsubscribe);
		serviceSubscriptions.clear();
	}

	private void reply(Message m, String json) {
		bus.publish(m.replyTo(), json.getBytes(StandardCharsets.UTF_8));
	}

	@AfterEach
	void close() {
		if (gateway != null) {
			gateway.close();
		}
		bus.close();
	}

	@Test
	void clientsStayThroughAShortOutageAndGetTheDifferencesAfterwards() throws Exception {
		startGateway(Duration.ofSeconds(30));
		models.put("outage.model", "{\"a\":1}");
		Client c = new Client();
		assertThat(c.request("subscribe.outage.model").at("/result/models/outage.model/a").asInt()).isEqualTo(1);
		long pendingCall = c.send("call.outage.model.slow");

		bus.simulateConnectionLoss();
		assertThat(gateway.state()).isEqualTo(GatewayState.RECONNECTING);
		// the call in flight and new requests that need a service fail at once, with one error
		assertThat(c.response(pendingCall).at("/error/code").asString()).isEqualTo("system.serviceUnavailable");
		assertThat(c.request("call.outage.model.other").at("/error/code").asString())
			.isEqualTo("system.serviceUnavailable");
		assertThat(c.request("subscribe.outage.other").at("/error/code").asString())
			.isEqualTo("system.serviceUnavailable");
		// requests that need no service are answered
		assertThat(c.request("version").at("/result/protocol").asString()).isEqualTo("1.2.3");
		assertThat(c.request("unsubscribe.outage.other").at("/error/code").asString())
			.isEqualTo("system.noSubscription");
		models.put("outage.model", "{\"a\":2,\"b\":true}");

		bus.simulateReconnect();
		JsonNode change = c.event();
		assertThat(change.get("event").asString()).isEqualTo("outage.model.change");
		assertThat(change.at("/data/values/a").asInt()).isEqualTo(2);
		assertThat(change.at("/data/values/b").asBoolean()).isTrue();
		assertThat(c.disconnects.get()).isZero();
		assertThat(states).containsExactly(GatewayState.CONNECTED, GatewayState.RECONNECTING, GatewayState.CONNECTED);
	}

	@Test
	void accessLostDuringTheOutageEndsTheSubscriptionAfterwards() throws Exception {
		startGateway(Duration.ofSeconds(30));
		models.put("outage.secret", "{\"s\":1}");
		Client c = new Client();
		c.request("subscribe.outage.secret");
		bus.simulateConnectionLoss();
		accessGranted = false;
		bus.simulateReconnect();
		JsonNode e = c.event();
		assertThat(e.get("event").asString()).isEqualTo("outage.secret.unsubscribe");
		assertThat(e.at("/data/reason/code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void servicesNotBackYetCountAsUnavailableAndAreAskedAgain() throws Exception {
		startGateway(Duration.ofSeconds(30));
		models.put("outage.late", "{\"v\":1}");
		Client c = new Client();
		c.request("subscribe.outage.late");
		bus.simulateConnectionLoss();
		stopService();
		models.put("outage.late", "{\"v\":2}");
		bus.simulateReconnect();
		// nobody answers yet: not "not found" (which would delete the resource), but unavailable
		assertThat(c.request("subscribe.outage.other").at("/error/code").asString())
			.isEqualTo("system.serviceUnavailable");
		startService();
		JsonNode change = c.event();
		assertThat(change.get("event").asString()).isEqualTo("outage.late.change");
		assertThat(change.at("/data/values/v").asInt()).isEqualTo(2);
	}

	@Test
	void pastTheGracePeriodClientsAreClosedOnceAndTheGatewayIsDownUntilItIsBack() throws Exception {
		startGateway(Duration.ofMillis(200));
		models.put("outage.model", "{\"a\":1}");
		Client a = new Client();
		Client b = new Client();
		a.request("subscribe.outage.model");
		b.request("subscribe.outage.model");

		bus.simulateConnectionLoss();
		await().atMost(WAIT).until(() -> a.disconnects.get() > 0 && b.disconnects.get() > 0);
		assertThat(gateway.state()).isEqualTo(GatewayState.DOWN);
		assertThat(a.reason).contains("NATS connection lost for more than 200ms");
		assertThat(gateway.isAvailable()).isFalse();

		bus.simulateReconnect();
		assertThat(gateway.state()).isEqualTo(GatewayState.CONNECTED);
		assertThat(gateway.isAvailable()).isTrue();
		assertThat(a.disconnects.get()).isEqualTo(1);
		assertThat(b.disconnects.get()).isEqualTo(1);
		assertThat(states).containsExactly(GatewayState.CONNECTED, GatewayState.RECONNECTING, GatewayState.DOWN,
				GatewayState.CONNECTED);
	}

	/** A client connection on a recording sink. */
	private final class Client implements ClientSink {

		private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();

		private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

		private final Map<Long, JsonNode> early = new ConcurrentHashMap<>();

		final AtomicInteger disconnects = new AtomicInteger();

		volatile String reason;

		private final ClientConnection conn;

		private long ids;

		Client() {
			conn = gateway.connect(this, null);
		}

		@Override
		public void send(byte[] frame) {
			JsonNode n = WsTestClient.JSON.readTree(frame);
			(n.has("event") ? events : responses).add(n);
		}

		@Override
		public void disconnect(String why) {
			reason = why;
			disconnects.incrementAndGet();
		}

		long send(String method) {
			long id = ++ids;
			gateway.onFrame(conn, "{\"id\":" + id + ",\"method\":\"" + method + "\"}");
			return id;
		}

		JsonNode request(String method) throws InterruptedException {
			return response(send(method));
		}

		JsonNode response(long id) throws InterruptedException {
			long deadline = System.nanoTime() + WAIT.toNanos();
			while (!early.containsKey(id)) {
				JsonNode r = responses.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				assertThat(r).as("response to request " + id).isNotNull();
				early.put(r.get("id").asLong(), r);
			}
			return early.remove(id);
		}

		JsonNode event() throws InterruptedException {
			JsonNode e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
			assertThat(e).as("an event").isNotNull();
			return e;
		}
	}
}
