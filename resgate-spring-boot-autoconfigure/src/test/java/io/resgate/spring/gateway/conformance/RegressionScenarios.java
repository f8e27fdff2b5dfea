package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Races Resgate once got wrong, and resource IDs it accepts: a reset and a new reference to the
 * same collection at once must leave every client consistent; many throttled access requests on
 * one resource must not deadlock; unusual but valid resource IDs are passed on.
 */
class RegressionScenarios extends ConformanceTest {

	static Stream<Arguments> transportsTimesFive() {
		List<Arguments> out = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i));
			}
		}
		return out.stream();
	}

	/**
	 * Client 2 gets the collection in a change event while a reset re-fetches it with one more value:
	 * whichever version it gets in the change event, it must end with the new one, by an add event if
	 * it got the old one; client 1 gets the add event.
	 */
	@ParameterizedTest(name = "[{index}] {0} attempt {1}")
	@MethodSource("transportsTimesFive")
	void resetAndNewReferenceLeaveClientsConsistent(Transport transport, int attempt) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient.ClientRequest req = c1.request("subscribe.test.collection");
		s.service().awaitRequest("access.test.collection").access(true, null);
		s.service().awaitRequest("get.test.collection").collection("[1,2,3]");
		req.response().assertResult("{'collections':{'test.collection':[1,2,3]}}");
		TestClient c2 = s.connect();
		s.subscribe(c2, "test.model");
		s.service().systemReset("{'resources':['test.collection']}");
		s.service().change("test.model", "{'ref':{'rid':'test.collection'}}");
		s.service().awaitRequest("get.test.collection").collection("[1,2,3,4]");
		tools.jackson.databind.JsonNode ev = c2.eventData("test.model.change");
		tools.jackson.databind.JsonNode sent = ev.path("collections").path(s.n("test.collection"));
		if (Json.text(sent).equals("[1,2,3]")) {
			c2.assertEvent("test.collection.add", "{'value':4,'idx':3}");
		}
		else {
			Json.assertJsonEquals(sent, Json.expected("[1,2,3,4]"), "collection sent with the change");
		}
		s.assertNoEventBefore(c2, "test.model");
		c1.assertEvent("test.collection.add", "{'value':4,'idx':3}");
	}

	@Test
	void manyThrottledAccessRequestsOnOneResourceDoNotDeadlock() {
		Scenario s = scenario(Transport.NATS, GatewayProfile.THROTTLED);
		List<TestClient> clients = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			TestClient c = s.connect();
			TestClient.ClientRequest req = c.request("subscribe.test.model");
			s.service().awaitRequest("access.test.model").access(true, null);
			if (i == 0) {
				s.service().awaitRequest("get.test.model").resource("test.model");
			}
			req.response().assertResources("test.model");
			clients.add(c);
		}
		s.service().systemReset("{'resources':null,'access':['test.>']}");
		for (int i = 0; i < 32; i++) {
			s.service().awaitRequest("access.test.model").access(true, null);
		}
		s.service().assertNoRequest();
		s.service().event("test.model", "custom", "{'all':true}");
		for (TestClient c : clients) {
			c.assertEvent("test.model.custom", "{'all':true}");
		}
	}

	static Stream<Arguments> validRids() {
		return Stream.of("test", "test.model._foo_", "test.model.<foo", "test.model.23", "test.model.23?foo=bar",
				"test.model.23?foo=test.bar", "test.model.23?foo=*&?").map(Arguments::of);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("validRids")
	void unusualButValidRidIsPassedOn(String rid) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe." + rid);
		String name = rid.contains("?") ? rid.substring(0, rid.indexOf('?')) : rid;
		ServiceRequest access = s.service().awaitRequest("access." + name);
		if (rid.contains("?") && rid.indexOf('?') < rid.length() - 1) {
			access.assertPath("query", Scenario.quoted(rid.substring(rid.indexOf('?') + 1)));
		}
		access.accessDenied();
		s.service().awaitRequest("get." + name).resource("test.model");
		req.response().assertErrorJson(Replies.ACCESS_DENIED_ERROR);
	}

	@RepeatedTest(3)
	void subscribeUnsubscribeChurnKeepsCacheConsistent() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		for (int i = 0; i < 20; i++) {
			c.request("unsubscribe.test.model").response();
			TestClient.ClientRequest req = c.request("subscribe.test.model");
			s.service().awaitRequest("access.test.model").access(true, null);
			ClientResponse resp = req.response();
			if (resp.message().has("error")) {
				throw new AssertionError("subscribe failed: " + resp.message());
			}
			// served from the cache while its release is delayed, or fetched again
			ServiceRequest get = s.service().pollRequest(java.time.Duration.ofMillis(0));
			if (get != null) {
				throw new AssertionError("unexpected request after the response: " + get);
			}
		}
		s.service().change("test.model", "{'string':'churn'}");
		c.assertEvent("test.model.change", "{'values':{'string':'churn'}}");
	}
}
