package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Client get requests: the resource set without a subscription, so no events follow; the
 * {@code {cid}} tag; subject length limits; one get request however many clients wait.
 */
class GetScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void getSendsAccessAndGetRequests(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("get.test.model");
		s.service().awaitRequest("access.test.model").assertPathMissing("isHttp").assertPath("token", "null").access(true, null);
		s.service().awaitRequest("get.test.model").assertPathMissing("isHttp").resource("test.model");
		req.response().assertResources("test.model");
		s.subscribe(c, "test.m.a");
		s.service().event("test.model", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribeSendsAccessAndGetRequestsWithExpectedPayloads(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		c.request("subscribe.test.model");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		ServiceRequest access = s.service().awaitRequest("access.test.model");
		org.assertj.core.api.Assertions.assertThat(get.payload() == null || get.payload().isEmpty()).as("get payload " + get).isTrue();
		access.cid();
		access.assertPath("token", "null").assertPathMissing("isHttp").assertPathMissing("query");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void getLinkedModelSubscribesNothing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("get.test.model.parent");
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.serveGets("test.model.parent", "test.model");
		req.response().assertResources("test.model.parent", "test.model");
		s.subscribe(c, "test.m.a");
		s.service().event("test.model", "custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void getWithCidPlaceholder(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.cid(c);
		TestClient.ClientRequest req = c.request("get.test.{cid}.model");
		s.service().awaitRequest("access.test." + cid + ".model").access(true, null);
		s.service().awaitRequest("get.test." + cid + ".model").resource("test.model");
		req.response().assertResult("{'models':{'test.{cid}.model':" + Resources.data("test.model") + "}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribeWithCidPlaceholderKeepsTagInEvents(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.cid(c);
		TestClient.ClientRequest req = c.request("subscribe.test.{cid}.model");
		s.service().awaitRequest("access.test." + cid + ".model").access(true, null);
		s.service().awaitRequest("get.test." + cid + ".model").resource("test.model");
		req.response().assertResult("{'models':{'test.{cid}.model':" + Resources.data("test.model") + "}}");
		s.service().event("test." + cid + ".model", "custom", EVENT);
		c.assertEvent("test.{cid}.model.custom", EVENT);
		s.service().change("test." + cid + ".model", "{'string':'bar'}");
		c.assertEvent("test.{cid}.model.change", "{'values':{'string':'bar'}}");
	}

	@Test
	void getWithLongResourceIdIsSubjectTooLong() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.request("get.test." + "a".repeat(10000)).response().assertError("system.subjectTooLong");
		c.request("subscribe.test." + "a".repeat(10000)).response().assertError("system.subjectTooLong");
		s.service().assertNoRequest();
		c.assertAlive();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void multipleClientsSubscribingAreServedFromCache(Transport transport) {
		Scenario s = scenario(transport);
		for (String rid : new String[] { "test.model", "test.collection" }) {
			TestClient c1 = s.connect();
			s.subscribe(c1, rid);
			TestClient c2 = s.connect();
			TestClient.ClientRequest req = c2.request("subscribe." + rid);
			s.service().awaitRequest("access." + rid).access(true, null);
			req.response().assertResources(rid);
			s.service().assertNoRequest();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void multipleSubscribersOnPendingModelGetIt(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		TestClient.ClientRequest r1 = c1.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		TestClient.ClientRequest r2 = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		get.resource("test.model");
		r1.response().assertResources("test.model");
		r2.response().assertResources("test.model");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void multipleSubscribersOnPendingErrorGetIt(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		TestClient.ClientRequest r1 = c1.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		TestClient.ClientRequest r2 = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		get.error("system.notFound", "Not found");
		r1.response().assertErrorJson(Replies.NOT_FOUND_ERROR);
		r2.response().assertErrorJson(Replies.NOT_FOUND_ERROR);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void linkedModelWithDelayedAccess(Transport transport) {
		Scenario s = scenario(transport);
		for (int i = 0; i < 10; i++) {
			TestClient c = s.connect();
			TestClient.ClientRequest req = c.request("subscribe.test.model.parent");
			ServiceRequest access = s.service().awaitRequest("access.test.model.parent");
			if (i == 0) {
				s.serveGets("test.model.parent", "test.model");
			}
			access.access(true, null);
			req.response().assertResources("test.model.parent", "test.model");

		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void noRespondersAnsweredAtOnceAsNotFound(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		long start = System.nanoTime();
		// nobody serves this service name
		c.request("subscribe.nobody" + s.names().service() + ".model").response().assertError("system.notFound");
		c.request("call.nobody" + s.names().service() + ".model.method").response().assertError("system.notFound");
		c.request("auth.nobody" + s.names().service() + ".model.method").response().assertError("system.notFound");
		long millis = (System.nanoTime() - start) / 1_000_000;
		org.assertj.core.api.Assertions.assertThat(millis).as("answered without waiting for the timeout").isLessThan(2400);
	}
}
