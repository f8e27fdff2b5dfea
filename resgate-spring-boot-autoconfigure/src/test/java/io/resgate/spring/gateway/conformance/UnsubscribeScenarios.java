package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Client unsubscribe requests: direct subscriptions counted (with {@code count}), references
 * released with their parent unless still referenced, {@code system.noSubscription} and
 * {@code system.invalidParams} leaving subscriptions untouched.
 */
class UnsubscribeScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.subscribe(c, "test.m.a");
		c.request("unsubscribe.test.model").response().assertResult("null");
		s.service().event("test.model", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeCollection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.subscribe(c, "test.m.a");
		c.request("unsubscribe.test.collection").response().assertResult("null");
		s.service().event("test.collection", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeWithoutSubscription(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		c.request("unsubscribe.test.model").response()
			.assertErrorJson("{'code':'system.noSubscription','message':'No subscription'}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeLinkedModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.m.a");
		c.request("unsubscribe.test.model.parent").response();
		s.service().event("test.model", "custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeLinkedCollection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection.parent", "test.collection");
		s.subscribe(c, "test.m.a");
		c.request("unsubscribe.test.collection.parent").response();
		s.service().event("test.collection", "custom", EVENT);
		s.service().event("test.collection.parent", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeOverlappingLinkedModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		TestClient.ClientRequest req = c.request("subscribe.test.model.secondparent");
		s.service().awaitRequest("access.test.model.secondparent").access(true, null);
		s.serveGets("test.model.secondparent");
		req.response().assertResources("test.model.secondparent");
		c.request("unsubscribe.test.model.parent").response();
		s.service().event("test.model.parent", "custom", EVENT);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		s.assertNoEventBefore(c, "test.model.secondparent");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeOverlappingLinkedCollection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection.parent", "test.collection");
		TestClient.ClientRequest req = c.request("subscribe.test.collection.secondparent");
		s.service().awaitRequest("access.test.collection.secondparent").access(true, null);
		s.serveGets("test.collection.secondparent");
		req.response().assertResources("test.collection.secondparent");
		c.request("unsubscribe.test.collection.parent").response();
		s.service().event("test.collection.parent", "custom", EVENT);
		s.service().event("test.collection.secondparent", "custom", EVENT);
		c.assertEvent("test.collection.secondparent.custom", EVENT);
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeWithCount(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.subscribe(c, "test.m.a");
		c.request("unsubscribe.test.model", "{'count':1}").response().assertResult("null");
		s.service().event("test.model", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void subscribingTwiceCountsTwice(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		c.request("subscribe.test.model").response().assertResult("{}");
		s.service().assertNoRequest();
		c.request("unsubscribe.test.model").response();
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		c.request("unsubscribe.test.model").response();
		c.request("unsubscribe.test.model").response().assertError("system.noSubscription");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeCountTwo(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		c.request("subscribe.test.model").response().assertResult("{}");
		c.request("subscribe.test.model").response().assertResult("{}");
		c.request("unsubscribe.test.model", "{'count':4}").response().assertError("system.noSubscription");
		c.request("unsubscribe.test.model", "{'count':2}").response();
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		c.request("unsubscribe.test.model", "{'count':1}").response();
		c.request("unsubscribe.test.model").response().assertError("system.noSubscription");
	}

	static Stream<Arguments> invalidPayloads() {
		String[][] rows = { { "[]", "system.invalidParams" }, { "{'count':'foo'}", "system.invalidParams" },
				{ "{'count':true}", "system.invalidParams" }, { "{'count':0}", "system.invalidParams" },
				{ "{'count':-1}", "system.invalidParams" }, { "{'count':2}", "system.noSubscription" } };
		List<Arguments> out = new ArrayList<>();
		for (String[] r : rows) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} {1} -> {2}")
	@MethodSource("invalidPayloads")
	void invalidPayloadDoesNotUnsubscribe(Transport transport, String params, String code) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		c.request("unsubscribe.test.model", params).response().assertError(code);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}

	static Stream<Arguments> countModes() {
		List<Arguments> out = new ArrayList<>();
		for (boolean useCount : new boolean[] { true, false }) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, useCount));
			}
		}
		return out.stream();
	}

	/** A resource response to a call counts as a direct subscription too; when all are gone, it is sent again. */
	@ParameterizedTest(name = "[{index}] {0} count {1}")
	@MethodSource("countModes")
	void unsubscribeFollowedByResourceResponseIncludesResource(Transport transport, boolean useCount) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String model = Resources.data("test.model");
		s.subscribe(c, "test.model");
		TestClient.ClientRequest call = c.request("call.test.getModel");
		s.service().awaitRequest("access.test").accessGranted();
		s.service().awaitRequest("call.test.getModel").resourceResponse("test.model");
		call.response().assertResult("{'rid':'test.model'}");
		if (useCount) {
			c.request("unsubscribe.test.model", "{'count':2}").response();
		}
		else {
			c.request("unsubscribe.test.model", "{}").response();
			c.request("unsubscribe.test.model").response();
		}
		call = c.request("call.test.getModel");
		s.service().awaitRequest("access.test").accessGranted();
		s.service().awaitRequest("call.test.getModel").resourceResponse("test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		call.response().assertResult("{'rid':'test.model','models':{'test.model':" + model + "}}");
	}

	/**
	 * An unsubscribe sent right after a subscribe of the same resource waits for the subscribe's
	 * response: the subscribe is answered with the resource, then the unsubscribe succeeds and
	 * removes that subscription.
	 */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeRightAfterSubscribeActsOnThatSubscription(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.m.a");
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		TestClient.ClientRequest unsub = c.request("unsubscribe.test.model");
		s.service().awaitRequest("access.test.model").accessGranted();
		s.serveGets("test.model");
		tools.jackson.databind.JsonNode first = c.nextMessage();
		org.assertj.core.api.Assertions.assertThat(first.path("id").asInt()).as("first response").isEqualTo(sub.id());
		new ClientResponse(s.names(), "subscribe.test.model", first).assertResources("test.model");
		unsub.response().assertResult("null");
		s.service().event("test.model", "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	/** A get followed at once by an unsubscribe: the get is answered, the unsubscribe finds no subscription. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeRightAfterGetFindsNoSubscription(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest get = c.request("get.test.model");
		TestClient.ClientRequest unsub = c.request("unsubscribe.test.model");
		s.service().awaitRequest("access.test.model").accessGranted();
		s.serveGets("test.model");
		get.response().assertResources("test.model");
		unsub.response().assertError("system.noSubscription");
		c.assertNoMessage();
	}

	/** A subscribe that fails, followed at once by an unsubscribe: both are answered with errors. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeRightAfterFailingSubscribeFindsNoSubscription(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		TestClient.ClientRequest unsub = c.request("unsubscribe.test.model", "{'count':1}");
		s.service().awaitRequest("access.test.model").access(false, null);
		sub.response().assertError("system.accessDenied");
		unsub.response().assertError("system.noSubscription");
		c.assertNoMessage();
	}

	/** Two subscribes and an unsubscribe between them: all answered, one subscription is left. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribeBetweenTwoPendingSubscribes(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub1 = c.request("subscribe.test.model");
		TestClient.ClientRequest unsub = c.request("unsubscribe.test.model");
		TestClient.ClientRequest sub2 = c.request("subscribe.test.model");
		// The gateway takes a connection's requests in order: once a request it answers itself comes back,
		// all three were taken before the service answers (else the unsubscribe may act before the second
		// subscribe arrives, which then asks for access again).
		c.request("unsubscribe.test.other").response().assertError("system.noSubscription");
		s.service().awaitRequest("access.test.model").accessGranted();
		s.serveGets("test.model");
		sub1.response().assertResources("test.model");
		sub2.response().assertResult("{}");
		unsub.response().assertResult("null");
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		c.request("unsubscribe.test.model").response().assertResult("null");
		c.request("unsubscribe.test.model").response().assertError("system.noSubscription");
	}
}
