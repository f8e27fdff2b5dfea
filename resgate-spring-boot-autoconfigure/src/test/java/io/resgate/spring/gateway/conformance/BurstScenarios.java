package io.resgate.spring.gateway.conformance;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bursts larger than any buffer: Resgate v1.8.0 shuts itself down on a NATS slow-consumer error after
 * about 10,000 queued events. Here the gateway must keep serving: the client ends up with the
 * service's final state (by events, or resynchronized), and new requests still work.
 */
class BurstScenarios extends ConformanceTest {

	static final int BURST = 20_000;

	@ParameterizedTest
	@EnumSource(Transport.class)
	void burstOfChangeEventsLeavesClientInFinalState(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		for (int i = 1; i <= BURST; i++) {
			s.service().change("test.model", "{'int':" + i + "}");
		}
		s.service().flush();
		// a resynchronization may re-get the model: answer with the final state
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		int last = 0;
		// a client that cannot keep up may be closed (it reconnects elsewhere); the gateway itself must stay
		while (last != BURST && !c.isClosed()) {
			assertThat(System.nanoTime()).as("client reaches the final state").isLessThan(deadline);
			ServiceRequest get = s.service().pollRequest(Duration.ofMillis(1));
			if (get != null) {
				assertThat(get.subject()).isEqualTo(s.n("get.test.model"));
				get.model("{'string':'foo','int':" + BURST + ",'bool':true,'null':null}");
			}
			tools.jackson.databind.JsonNode ev = c.pollEvent(Duration.ofMillis(50));
			if (ev != null && ev.path("event").asString().equals(s.n("test.model.change"))) {
				last = ev.path("data").path("values").path("int").asInt(last);
			}
		}
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResult("{'models':{'test.model':{'string':'foo','int':" + BURST + ",'bool':true,'null':null}}}");
		s.subscribe(c2, "test.collection");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void burstOfCustomEventsKeepsGatewayServing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		for (int i = 0; i < BURST; i++) {
			s.service().event("test.model", "custom", "{'n':" + i + "}");
		}
		s.service().flush();
		TestClient c2 = s.connect();
		s.subscribe(c2, "test.collection");
		s.service().event("test.collection", "custom", "{'after':true}");
		c2.assertEvent("test.collection.custom", "{'after':true}");
	}
}
