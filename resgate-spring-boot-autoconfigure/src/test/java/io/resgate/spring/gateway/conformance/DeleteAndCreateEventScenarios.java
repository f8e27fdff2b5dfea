package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Delete events: sent to clients as {@code delete} followed by {@code unsubscribe} with reason
 * {@code system.deleted}; the resource leaves the cache and later events are not sent. Create
 * events are passed on as they are.
 */
class DeleteAndCreateEventScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	static final String DELETED = "{'reason':{'code':'system.deleted','message':'Deleted'}}";

	@ParameterizedTest
	@ValueSource(strings = { "NATS:test.model", "NATS:test.collection", "LOCAL:test.model", "LOCAL:test.collection" })
	void deleteEventSentToClient(String row) {
		Transport transport = Transport.valueOf(row.split(":")[0]);
		String rid = row.split(":")[1];
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.subscribe(c, "test.m.a");
		s.service().event(rid, "delete", null);
		c.assertEvent(rid + ".delete", null);
		c.assertEvent(rid + ".unsubscribe", DELETED);
		s.service().event(rid, "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
		c.request("unsubscribe." + rid).response().assertError("system.noSubscription");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void deleteEventPriorToGetResponseIsDiscarded(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		ServiceRequest access = s.service().awaitRequest("access.test.model");
		s.service().event("test.model", "delete", null);
		get.resource("test.model");
		access.access(true, null);
		req.response().assertResources("test.model");
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void deletedResourceIsNotCachedForOtherClients(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		s.subscribe(c1, "test.model");
		s.subscribe(c1, "test.m.a");
		s.service().event("test.model", "delete", null);
		c1.assertEvent("test.model.delete", null);
		c1.assertEvent("test.model.unsubscribe", DELETED);
		s.subscribe(c2, "test.model");
		s.service().event("test.model", "custom", EVENT);
		c2.assertEvent("test.model.custom", EVENT);
		s.assertNoEventBefore(c1, "test.m.a");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void deletedResourceIsNotCachedOnResubscribe(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().event("test.model", "delete", null);
		c.assertEvent("test.model.delete", null);
		c.assertEvent("test.model.unsubscribe", DELETED);
		s.subscribe(c, "test.model");
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "NATS:test.model", "NATS:test.collection", "LOCAL:test.model", "LOCAL:test.collection" })
	void deleteEventOnResourceQueuedForEvictionDoesNothing(String row) {
		Transport transport = Transport.valueOf(row.split(":")[0]);
		String rid = row.split(":")[1];
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		c.request("unsubscribe." + rid).response();
		s.service().event(rid, "delete", null);
		s.service().flush();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void deleteOfIndirectResourceKeepsParent(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().event("test.model", "delete", null);
		c.assertEvent("test.model.delete", null);
		s.service().event("test.model.parent", "custom", EVENT);
		c.assertEvent("test.model.parent.custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void createEventPassedToClient(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().event("test.model", "create", null);
		c.assertEvent("test.model.create", null);
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
	}
}
