package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reference and reset throttles ({@code resgate.reference-throttle}, {@code resgate.reset-throttle}):
 * never more requests in flight than the throttle allows, each answer letting the next one go.
 */
class ThrottleScenarios extends ConformanceTest {

	static final int COUNT = 10;

	static final int THROTTLE = 3;

	/** Takes exactly {@code n} requests, asserting no more are in flight. */
	private static List<ServiceRequest> take(Scenario s, int n) {
		List<ServiceRequest> out = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			out.add(s.service().nextRequest());
		}
		s.service().assertNoRequest();
		return out;
	}

	private static String collectionOfReferences() {
		StringBuilder b = new StringBuilder("[");
		for (int i = 1; i <= COUNT; i++) {
			b.append(i > 1 ? "," : "").append("{'rid':'test.model.").append(i).append("'}");
		}
		return b.append(']').toString();
	}

	@Test
	void referenceThrottleLimitsGetRequests() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.collection");
		s.service().awaitRequest("access.test.collection").access(true, null);
		s.service().awaitRequest("get.test.collection").collection(collectionOfReferences());
		List<ServiceRequest> inFlight = take(s, THROTTLE);
		Set<String> seen = new HashSet<>();
		int sent = THROTTLE;
		while (!inFlight.isEmpty()) {
			ServiceRequest r = inFlight.remove(0);
			assertThat(seen.add(r.subject())).as("each reference fetched once").isTrue();
			String id = r.subject().substring(r.subject().lastIndexOf('.') + 1);
			r.model("{'id':" + id + "}");
			if (sent < COUNT) {
				inFlight.add(s.service().nextRequest());
				sent++;
				s.service().assertNoRequest();
			}
		}
		assertThat(seen).hasSize(COUNT);
		JsonAssert.hasModels(req.response().result(), COUNT);
	}

	@Test
	void referenceThrottleOnNestedReferences() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.collection");
		s.service().awaitRequest("access.test.collection").access(true, null);
		s.service().awaitRequest("get.test.collection").collection(collectionOfReferences());
		List<ServiceRequest> inFlight = take(s, THROTTLE);
		int sent = THROTTLE;
		while (!inFlight.isEmpty()) {
			ServiceRequest r = inFlight.remove(0);
			String subject = r.subject();
			if (subject.endsWith(".child")) {
				r.model("{'isChild':true}");
			}
			else {
				String id = subject.substring(subject.lastIndexOf('.') + 1);
				r.model("{'id':" + id + ",'child':{'rid':'test.model." + id + ".child'}}");
			}
			if (sent < 2 * COUNT) {
				inFlight.add(s.service().nextRequest());
				sent++;
				s.service().assertNoRequest();
			}
		}
		JsonAssert.hasModels(req.response().result(), 2 * COUNT);
	}

	private static void subscribeMany(Scenario s, TestClient c) {
		for (int i = 1; i <= COUNT; i++) {
			TestClient.ClientRequest req = c.request("subscribe.test.model." + i);
			s.service().awaitRequest("access.test.model." + i).access(true, null);
			s.service().awaitRequest("get.test.model." + i).model("{'id':" + i + "}");
			req.response();
		}
	}

	private static void answerThrottled(Scenario s, int total) {
		List<ServiceRequest> inFlight = take(s, THROTTLE);
		int sent = THROTTLE;
		while (!inFlight.isEmpty()) {
			ServiceRequest r = inFlight.remove(0);
			String id = r.subject().substring(r.subject().lastIndexOf('.') + 1);
			if (r.subject().startsWith(s.n("get."))) {
				r.model("{'id':" + id + "}");
			}
			else {
				r.access(true, null);
			}
			if (sent < total) {
				inFlight.add(s.service().nextRequest());
				sent++;
				s.service().assertNoRequest();
			}
		}
		s.service().assertNoRequest();
	}

	@Test
	void resetThrottleLimitsGetRequests() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		TestClient c = s.connect();
		subscribeMany(s, c);
		s.service().systemReset("{'resources':['test.>']}");
		answerThrottled(s, COUNT);
		c.assertNoMessage();
	}

	@Test
	void resetThrottleLimitsAccessRequests() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		TestClient c = s.connect();
		subscribeMany(s, c);
		s.service().systemReset("{'access':['test.>']}");
		answerThrottled(s, COUNT);
		c.assertNoMessage();
	}

	@Test
	void resetThrottleLimitsGetAndAccessRequests() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		TestClient c = s.connect();
		subscribeMany(s, c);
		s.service().systemReset("{'resources':['test.>'],'access':['test.>']}");
		answerThrottled(s, 2 * COUNT);
		c.assertNoMessage();
	}

	/** Small helpers on resource sets. */
	static final class JsonAssert {

		private JsonAssert() {
		}

		static void hasModels(tools.jackson.databind.JsonNode result, int count) {
			assertThat(result.path("models").size()).as("models in " + result).isEqualTo(count);
			assertThat(result.path("collections").size()).as("collections in " + result).isEqualTo(1);
		}
	}
}
