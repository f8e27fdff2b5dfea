package io.resgate.spring.service;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.TestComponents.ItemModel;
import io.resgate.spring.service.TestComponents.ParallelGet;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.service.test.ResTestResponse;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests and events for one resource are handled one at a time and in order; different resources in
 * parallel; with opt-outs per resource and per method, and groups spanning resources.
 */
class ServiceOrderingTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final Duration QUIET = Duration.ofMillis(250);

	@ResModel(value = "test.grp.$id", group = "test.grp")
	static final class Grouped {

		final CountDownLatch block = new CountDownLatch(1);

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}

		@ResCall("block")
		String block() throws InterruptedException {
			block.await(10, TimeUnit.SECONDS);
			return "unblocked";
		}
	}

	@ResModel(value = "test.par.$id", parallel = true)
	static final class Parallel {

		final CountDownLatch block = new CountDownLatch(1);

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}

		@ResCall("block")
		String block() throws InterruptedException {
			block.await(10, TimeUnit.SECONDS);
			return "unblocked";
		}
	}

	private static void assertStaysUnanswered(ResTestResponse r) {
		await().during(QUIET).atMost(QUIET.multipliedBy(4)).until(() -> !r.received());
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void handlesOneResourceAtATimeAndOthersInParallel(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ItemModel items = new ItemModel(h.events());
			items.block = new CountDownLatch(1);
			h.register(items).start();
			ResTestClient c = h.client();
			ResTestResponse blocked = c.call("test.item.1", "block", null);
			ResTestResponse queued = c.get("test.item.1");
			// another resource is served meanwhile
			c.get("test.item.2").assertModel(Map.of("id", 2, "name", "two"));
			assertStaysUnanswered(queued);
			assertThat(blocked.received()).isFalse();
			items.block.countDown();
			blocked.assertResult("unblocked");
			queued.assertModel(Map.of("id", 1, "name", "one"));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void asynchronousHandlersKeepTheOrder(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ItemModel items = new ItemModel(h.events());
			h.register(items).start();
			ResTestClient c = h.client();
			ResTestResponse async = c.call("test.item.1", "async", null);
			ResTestResponse queued = c.get("test.item.1");
			c.get("test.item.2").assertModel(Map.of("id", 2, "name", "two"));
			assertStaysUnanswered(queued);
			items.pending.complete("later");
			async.assertPayload("{\"result\":\"later\"}");
			queued.assertModel(Map.of("id", 1, "name", "one"));
			c.call("test.item.1", "asyncFail", null)
				.assertPayload("{\"error\":{\"code\":\"test.async\",\"message\":\"Async failure\"}}");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void eventsFromOutsideWaitForTheResourcesRequestsInProgress(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ItemModel items = new ItemModel(h.events());
			items.block = new CountDownLatch(1);
			h.register(items).start();
			ResTestClient c = h.client();
			ResTestResponse blocked = c.call("test.item.1", "block", null);
			assertThat(items.entered.await(5, TimeUnit.SECONDS)).isTrue();
			var sent = h.events().change("test.item.1", Map.of("name", "changed"));
			// an event for an idle resource goes out at once
			h.events().change("test.item.2", Map.of("name", "deux")).get(5, TimeUnit.SECONDS);
			c.nextEvent().assertChange("test.item.2", Map.of("name", "deux"));
			assertThat(sent).isNotDone();
			items.block.countDown();
			c.nextEvent().assertChange("test.item.1", Map.of("name", "changed"));
			assertThat(blocked.received()).as("response published before the queued event").isTrue();
			sent.get(5, TimeUnit.SECONDS);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void workRunsInLineWithTheResourcesRequests(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ItemModel items = new ItemModel(h.events());
			items.block = new CountDownLatch(1);
			h.register(items).start();
			ResTestClient c = h.client();
			ResTestResponse blocked = c.call("test.item.1", "block", null);
			assertThat(items.entered.await(5, TimeUnit.SECONDS)).isTrue();
			var work = h.events().with("test.item.1", () -> {
				items.items.put(1L, new TestComponents.Item(1, "renamed"));
				h.events().change("test.item.1", Map.of("name", "renamed"));
			});
			ResTestResponse after = c.get("test.item.1");
			assertThat(work).isNotDone();
			items.block.countDown();
			blocked.assertResult("unblocked");
			work.get(5, TimeUnit.SECONDS);
			c.nextEvent().assertChange("test.item.1", Map.of("name", "renamed"));
			after.assertModel(Map.of("id", 1, "name", "renamed"));
			assertThat(h.events().with("test.item.2", () -> {
				throw new IllegalStateException("work failed");
			})).failsWithin(Duration.ofSeconds(5));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void parallelMethodsSkipTheQueue(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			ParallelGet p = new ParallelGet();
			p.block = new CountDownLatch(1);
			h.register(p).start();
			ResTestResponse blocked = h.client().call("test.parallel", "block", null);
			h.client().get("test.parallel").assertModel(Map.of("ok", true));
			assertThat(blocked.received()).isFalse();
			p.block.countDown();
			blocked.assertResult("unblocked");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void parallelResourcesSkipTheQueue(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			Parallel p = new Parallel();
			h.register(p).start();
			ResTestResponse blocked = h.client().call("test.par.1", "block", null);
			h.client().get("test.par.1").assertModel(Map.of("id", "1"));
			assertThat(blocked.received()).isFalse();
			p.block.countDown();
			blocked.assertResult("unblocked");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void groupsSerializeSeveralResources(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			Grouped g = new Grouped();
			h.register(g).start();
			ResTestResponse blocked = h.client().call("test.grp.1", "block", null);
			ResTestResponse other = h.client().get("test.grp.2");
			assertStaysUnanswered(other);
			g.block.countDown();
			blocked.assertResult("unblocked");
			other.assertModel(Map.of("id", "2"));
		}
	}
}
