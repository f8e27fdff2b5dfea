package io.resgate.spring.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.nats.client.Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.TestComponents.ItemModel;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.service.test.ResTestResponse;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting, reconnecting and stopping: system.reset on start and after every reconnect, graceful drain.
 */
class ServiceLifecycleTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@Test
	void sendsSystemResetAfterEveryReconnect() throws Exception {
		// the client reconnects faster than the service, so it is listening when the service announces itself
		try (NatsMessaging client = NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(50))
			.maxReconnects(-1));
				NatsMessaging service = NatsMessaging.connect(new Options.Builder().server(nats.url())
					.reconnectWait(Duration.ofMillis(1500))
					.maxReconnects(-1))) {
			ResCodec codec = new ResCodec();
			ResServiceRegistry registry = ResServiceRegistry.builder(service, codec).build();
			registry.register(new ItemModel(registry.events()));
			ResTestClient c = new ResTestClient(client, codec).timeout(Duration.ofSeconds(15));
			client.connection().flush(Duration.ofSeconds(5));
			registry.start();
			c.nextEvent().assertSystemReset(List.of("test.item.*"), List.of("test.item.*"));
			for (int i = 0; i < 2; i++) {
				nats.stop();
				await().atMost(Duration.ofSeconds(10)).until(() -> !service.isConnected());
				nats.start();
				await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
				c.nextEvent().assertSystemReset(List.of("test.item.*"), List.of("test.item.*"));
				// and the service answers again
				c.get("test.item.1").assertModel(java.util.Map.of("id", 1, "name", "one"));
			}
			registry.shutdown();
		}
	}

	@Test
	@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
	void eventsWhileDisconnectedNeitherWaitNorPileUp(org.springframework.boot.test.system.CapturedOutput output)
			throws Exception {
		try (NatsMessaging client = NatsMessaging.connect(new Options.Builder().server(nats.url())
			.reconnectWait(Duration.ofMillis(50))
			.maxReconnects(-1));
				NatsMessaging service = NatsMessaging.connect(new Options.Builder().server(nats.url())
					.reconnectWait(Duration.ofMillis(500))
					.maxReconnects(-1))) {
			ResCodec codec = new ResCodec();
			ResServiceRegistry registry = ResServiceRegistry.builder(service, codec).build();
			registry.register(new ItemModel(registry.events()));
			ResTestClient c = new ResTestClient(client, codec).timeout(Duration.ofSeconds(15));
			client.connection().flush(Duration.ofSeconds(5));
			registry.start();
			c.nextEvent().assertSystemReset(List.of("test.item.*"), List.of("test.item.*"));
			nats.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> !service.isConnected());
			// more than jnats' outgoing queue holds (5,000): a buffering client would block here
			long start = System.nanoTime();
			List<java.util.concurrent.CompletableFuture<Void>> sent = new java.util.ArrayList<>();
			for (int i = 0; i < 6000; i++) {
				sent.add(registry.events().change("test.item.1", java.util.Map.of("name", "n" + i)));
			}
			java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
				.get(5, TimeUnit.SECONDS);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
			nats.start();
			await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
			// nothing held back is sent late: the next message is the reset
			c.nextEvent().assertSystemReset(List.of("test.item.*"), List.of("test.item.*"));
			assertThat(output.getOut() + output.getErr())
				.contains("sending system.reset (6000 event(s) and response(s) could not be sent meanwhile)");
			registry.shutdown();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void drainsRequestsInProgressOnStop(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ItemModel items = new ItemModel(h.events());
			items.block = new CountDownLatch(1);
			h.register(items).start();
			ResTestResponse inProgress = h.client().call("test.item.1", "block", null);
			assertThat(items.entered.await(5, TimeUnit.SECONDS)).isTrue();
			CountDownLatch stopped = new CountDownLatch(1);
			h.registry().stop(stopped::countDown);
			assertThat(h.registry().isRunning()).isFalse();
			// no longer subscribed: new requests are not served
			h.client().get("test.item.2").assertNoResponse(Duration.ofMillis(200));
			assertThat(stopped.getCount()).isEqualTo(1);
			items.block.countDown();
			inProgress.assertResult("unblocked");
			assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
			// and it can serve again
			h.registry().start();
			h.client().nextEvent().assertSubject("system.reset");
			h.client().get("test.item.2").assertModel(java.util.Map.of("id", 2, "name", "two"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answersWithAnErrorWhenTooManyRequestsArePending(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats, b -> b.maxPending(1))) {
			ItemModel items = new ItemModel(h.events());
			items.block = new CountDownLatch(1);
			h.register(items).start();
			ResTestResponse inProgress = h.client().call("test.item.1", "block", null);
			assertThat(items.entered.await(5, TimeUnit.SECONDS)).isTrue();
			h.client().get("test.item.2").assertPayload(
					"{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error: service overloaded\"}}");
			items.block.countDown();
			inProgress.assertResult("unblocked");
			await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
				h.client().get("test.item.2").assertModel(java.util.Map.of("id", 2, "name", "two")));
		}
	}
}
