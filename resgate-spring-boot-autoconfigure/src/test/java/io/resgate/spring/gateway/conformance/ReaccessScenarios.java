package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reaccess events: access re-checked for each direct subscription of the resource, the client
 * unsubscribed (reason {@code system.accessDenied}) when denied, events of the resource held while
 * the access request is pending, and reaccess before the get response handled after it.
 */
class ReaccessScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	static final String DENIED = "{'reason':{'code':'system.accessDenied','message':'Access denied'}}";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessEventSendsAccessRequest(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.subscribe(c, "test.model");
		s.service().event("test.model", "reaccess", null);
		s.service().awaitRequest("access.test.model").assertPath("cid", "'" + cid + "'").access(true, null);
		s.assertNoEventBefore(c, "test.model");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessGrantedKeepsSubscriptions(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().event("test.model.parent", "reaccess", null);
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		c.assertEvent("test.model.parent.custom", EVENT);
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessDeniedUnsubscribes(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.collection");
		s.service().event("test.model.parent", "reaccess", null);
		s.service().awaitRequest("access.test.model.parent").access(false, null);
		c.assertEvent("test.model.parent.unsubscribe", DENIED);
		s.service().event("test.model", "custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		s.assertNoEventBefore(c, "test.collection");
		c.request("unsubscribe.test.model.parent").response().assertError("system.noSubscription");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void unsubscribingParentOfPresubscribedChildSendsNoAccess(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		TestClient.ClientRequest sub = c.request("subscribe.test.model.parent");
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.serveGets("test.model.parent");
		sub.response().assertResources("test.model.parent");
		c.request("unsubscribe.test.model.parent").response();
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessQueuesEventsOfTheResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().event("test.model.parent", "reaccess", null);
		ServiceRequest access = s.service().awaitRequest("access.test.model.parent");
		s.service().event("test.model.parent", "custom", EVENT);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		access.access(true, null);
		c.assertEvent("test.model.parent.custom", EVENT);
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessBeforeGetResponseDenyingAccess(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		s.service().event("test.model", "reaccess", null);
		get.resource("test.model");
		sub.response().assertResources("test.model");
		s.service().awaitRequest("access.test.model").access(false, null);
		c.assertEvent("test.model.unsubscribe", DENIED);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessBeforeGetResponseGrantingAccess(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		s.service().event("test.model", "reaccess", null);
		get.resource("test.model");
		sub.response().assertResources("test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessOnCyclicReference(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.m.a");
		s.service().event("test.m.a", "reaccess", null);
		s.service().awaitRequest("access.test.m.a").access(true, null);
		s.service().event("test.m.a", "custom", EVENT);
		c.assertEvent("test.m.a.custom", EVENT);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void multipleReaccessEventsWhileQueueing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		s.service().event("test.model", "reaccess", null);
		s.service().event("test.model", "reaccess", null);
		get.resource("test.model");
		sub.response().assertResources("test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessOnIndirectResourceSendsNoAccess(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().event("test.model", "reaccess", null);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void reaccessReachesEveryConnection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		String cid1 = s.subscribe(c1, "test.model");
		TestClient.ClientRequest sub = c2.request("subscribe.test.model");
		ServiceRequest a2 = s.service().awaitRequest("access.test.model");
		String cid2 = a2.cid();
		a2.access(true, null);
		sub.response().assertResources("test.model");
		s.service().event("test.model", "reaccess", null);
		ServiceRequest r1 = s.service().awaitRequest("access.test.model");
		ServiceRequest r2 = s.service().awaitRequest("access.test.model");
		ServiceRequest forC2 = r1.cid().equals(cid2) ? r1 : r2;
		ServiceRequest forC1 = (forC2 == r1) ? r2 : r1;
		org.assertj.core.api.Assertions.assertThat(forC1.cid()).isEqualTo(cid1);
		forC1.access(true, null);
		forC2.access(false, null);
		c2.assertEvent("test.model.unsubscribe", DENIED);
		s.service().event("test.model", "custom", EVENT);
		c1.assertEvent("test.model.custom", EVENT);
		c2.assertNoMessage();
	}
}
