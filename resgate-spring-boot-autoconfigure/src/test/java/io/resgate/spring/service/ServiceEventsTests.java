package io.resgate.spring.service;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.resgate.spring.messaging.NoRespondersException;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.TestComponents.Item;
import io.resgate.spring.service.TestComponents.ItemCollection;
import io.resgate.spring.service.TestComponents.ItemModel;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * The events API, checked on the exact payloads go-res publishes, on both transports.
 */
class ServiceEventsTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private ServiceHarness harness(Transport t) throws Exception {
		ServiceHarness h = new ServiceHarness(t, nats, b -> b.queryEventDuration(Duration.ofMillis(500)));
		h.register(new ItemModel(h.events()), new ItemCollection(), new TestComponents.Search());
		return h.start();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishesModelChanges(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResEvents events = h.events();
			ResTestClient c = h.client();
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("name", "x");
			values.put("gone", ResAction.DELETE);
			values.put("ref", ResRef.of("test.item.2"));
			values.put("data", DataValue.of(List.of(1)));
			events.change("test.item.1", values).get(5, TimeUnit.SECONDS);
			assertThat(c.nextEvent().assertSubject("event.test.item.1.change").text()).isEqualTo(
					"{\"values\":{\"name\":\"x\",\"gone\":{\"action\":\"delete\"},\"ref\":{\"rid\":\"test.item.2\"},\"data\":{\"data\":[1]}}}");
			events.change("test.item.1", Map.of()).get(5, TimeUnit.SECONDS);
			c.assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void diffsModelStates(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResEvents events = h.events();
			assertThat(events.changeDiff("test.item.1", new Item(1, "a"), new Item(1, "a"))).isFalse();
			assertThat(events.changeDiff("test.item.1", new Item(1, "a"), new Item(1, "b"))).isTrue();
			h.client().nextEvent().assertSubject("event.test.item.1.change").assertPayload(
					Map.of("values", Map.of("name", "b")));
			assertThat(events.changeDiff("test.item.1", Map.of("a", 1, "b", 2), Map.of("a", 1, "c", 3))).isTrue();
			h.client().nextEvent().assertChange("test.item.1", Map.of("b", ResAction.DELETE, "c", 3));
			h.client().assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishesCollectionAndLifecycleEvents(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResEvents events = h.events();
			ResTestClient c = h.client();
			events.add("test.items", ResRef.of("test.item.3"), 2);
			assertThat(c.nextEvent().assertSubject("event.test.items.add").text())
				.isEqualTo("{\"value\":{\"rid\":\"test.item.3\"},\"idx\":2}");
			events.remove("test.items", 0);
			assertThat(c.nextEvent().assertSubject("event.test.items.remove").text()).isEqualTo("{\"idx\":0}");
			events.create("test.item.3");
			c.nextEvent().assertEvent("test.item.3", "create", null);
			events.delete("test.item.3");
			c.nextEvent().assertEvent("test.item.3", "delete", null);
			events.reaccess("test.item.1");
			c.nextEvent().assertEvent("test.item.1", "reaccess", null);
			events.custom("test.item.1", "poked", Map.of("by", "ann"));
			c.nextEvent().assertEvent("test.item.1", "poked", Map.of("by", "ann"));
			events.custom("test.item.1", "ping", null);
			c.nextEvent().assertEvent("test.item.1", "ping", null);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void rejectsEventsTheProtocolForbids(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResEvents events = h.events();
			assertThatIllegalArgumentException().isThrownBy(() -> events.change("test.items", Map.of("a", 1)))
				.withMessageContaining("not allowed on the collection");
			assertThatIllegalArgumentException().isThrownBy(() -> events.add("test.item.1", 1, 0))
				.withMessageContaining("not allowed on the model");
			assertThatIllegalArgumentException().isThrownBy(() -> events.add("test.items", 1, -1));
			assertThatIllegalArgumentException().isThrownBy(() -> events.change("test.item.1", Map.of("n", Map.of("a", 1))))
				.withMessageContaining("DataValue");
			assertThatIllegalArgumentException().isThrownBy(() -> events.add("test.items", List.of(1), 0));
			for (String reserved : List.of("change", "add", "remove", "delete", "create", "reaccess", "reset", "patch",
					"unsubscribe", "query")) {
				assertThatIllegalArgumentException().as(reserved)
					.isThrownBy(() -> events.custom("test.item.1", reserved, null));
			}
			assertThatIllegalArgumentException().isThrownBy(() -> events.custom("test.item.1", "a.b", null));
			assertThatIllegalArgumentException().isThrownBy(() -> events.change("test.item.1?q=1", Map.of("a", 1)));
			assertThatIllegalArgumentException().isThrownBy(() -> events.token("bad.cid", null));
			h.client().assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void publishesConnectionAndSystemEvents(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResEvents events = h.events();
			ResTestClient c = h.client();
			events.token("c1", Map.of("user", "ann"));
			assertThat(c.nextEvent().assertSubject("conn.c1.token").text()).isEqualTo("{\"token\":{\"user\":\"ann\"}}");
			events.token("c1", null, "t1");
			assertThat(c.nextEvent().text()).isEqualTo("{\"token\":null,\"tid\":\"t1\"}");
			events.reset(List.of("test.item.*"), List.of());
			assertThat(c.nextEvent().assertSubject("system.reset").text()).isEqualTo("{\"resources\":[\"test.item.*\"]}");
			events.reset(List.of(), List.of());
			events.resetAll();
			c.nextEvent().assertSystemReset(List.of("test.item.*", "test.items", "test.search"),
					List.of("test.item.*", "test.items"));
			events.tokenReset("auth.test.auth.refresh", List.of());
			events.tokenReset("auth.test.auth.refresh", List.of("t1", "t2"));
			assertThat(c.nextEvent().assertSubject("system.tokenReset").text())
				.isEqualTo("{\"tids\":[\"t1\",\"t2\"],\"subject\":\"auth.test.auth.refresh\"}");
			c.assertNoEvent(Duration.ofMillis(100));
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void answersQueryRequestsOfQueryEvents(Transport t) throws Exception {
		try (ServiceHarness h = harness(t)) {
			ResTestClient c = h.client();
			h.events().queryEvent("test.search", r -> {
				switch (r.queryParams().get("limit").get(0)) {
					case "2" -> r.add("new", 0);
					case "3" -> r.collection(List.of("a", "b", "c"));
					case "4" -> r.notFound();
					case "5" -> {
						r.add("first", 0);
						r.remove(3);
					}
					default -> {
						// nothing changed for this query
					}
				}
			}).get(5, TimeUnit.SECONDS);
			String subject = c.nextEvent().assertQueryEvent("test.search");
			c.query(subject, "limit=2")
				.assertPayload("{\"result\":{\"events\":[{\"event\":\"add\",\"data\":{\"value\":\"new\",\"idx\":0}}]}}");
			c.query(subject, "limit=3").assertPayload("{\"result\":{\"collection\":[\"a\",\"b\",\"c\"]}}");
			c.query(subject, "limit=4").assertError("system.notFound");
			c.query(subject, "limit=5").assertPayload("{\"result\":{\"events\":[{\"event\":\"add\",\"data\":"
					+ "{\"value\":\"first\",\"idx\":0}},{\"event\":\"remove\",\"data\":{\"idx\":3}}]}}");
			c.query(subject, "limit=9").assertPayload("{\"result\":{\"events\":[]}}");
			c.send(subject, "{}")
				.assertPayload("{\"error\":{\"code\":\"system.internalError\",\"message\":\"Internal error: missing query\"}}");
			// the query subject is only listened to for the query event duration
			await().atMost(Duration.ofSeconds(5)).until(() -> {
				try {
					h.clientMessaging().request(subject, "{\"query\":\"limit=2\"}".getBytes(), Duration.ofSeconds(1))
						.get(2, TimeUnit.SECONDS);
					return false;
				}
				catch (ExecutionException ex) {
					return ex.getCause() instanceof NoRespondersException;
				}
			});
		}
	}
}
