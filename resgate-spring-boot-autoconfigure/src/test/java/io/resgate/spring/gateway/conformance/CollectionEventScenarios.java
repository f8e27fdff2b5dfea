package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Collection add and remove events: applied to the cached collection, indexes validated, data
 * values passed through, added references fetched and sent along with the event, and removed ones
 * unsubscribed.
 */
class CollectionEventScenarios extends ConformanceTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void addAndRemoveEventsOnSubscribedCollection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().add("test.collection", 3, "'bar'");
		c.assertEvent("test.collection.add", "{'idx':3,'value':'bar'}");
		s.service().remove("test.collection", 2);
		c.assertEvent("test.collection.remove", "{'idx':2}");
		c.assertNoMessage();
	}

	static Stream<Arguments> cachedTable() {
		String[][] rows = {
				{ "test.collection", "add", "{'idx':0,'value':'bar'}", "['bar','foo',42,true,null]", null },
				{ "test.collection", "add", "{'idx':1,'value':'bar'}", "['foo','bar',42,true,null]", null },
				{ "test.collection", "add", "{'idx':4,'value':'bar'}", "['foo',42,true,null,'bar']", null },
				{ "test.collection", "add", "{'idx':0,'value':{'rid':'test.collection.soft','soft':true}}",
						"[{'rid':'test.collection.soft','soft':true},'foo',42,true,null]", null },
				{ "test.collection", "add", "{'idx':0,'value':{'data':{'foo':['bar']}}}", "[{'data':{'foo':['bar']}},'foo',42,true,null]", null },
				{ "test.collection", "add", "{'idx':0,'value':{'data':12}}", "[12,'foo',42,true,null]", "{'idx':0,'value':12}" },
				{ "test.collection", "remove", "{'idx':0}", "[42,true,null]", null },
				{ "test.collection", "remove", "{'idx':1}", "['foo',true,null]", null },
				{ "test.collection", "remove", "{'idx':3}", "['foo',42,true]", null },
				{ "test.collection.soft", "remove", "{'idx':1}", "['soft']", null },
				{ "test.collection.data", "remove", "{'idx':1}", "['data',{'data':{'foo':['bar']}},{'data':[{'foo':'bar'}]}]", null },
				{ "test.collection.data", "remove", "{'idx':2}", "['data',12,{'data':[{'foo':'bar'}]}]", null },
				{ "test.collection.data", "remove", "{'idx':3}", "['data',12,{'data':{'foo':['bar']}}]", null } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				for (boolean same : new boolean[] { true, false }) {
					out.add(Arguments.of(t, i + 1, same, rows[i][0], rows[i][1], rows[i][2], rows[i][3], rows[i][4]));
				}
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1} same client {2}: {3} {4} {5}")
	@MethodSource("cachedTable")
	void addRemoveEventsOnCachedCollection(Transport transport, int row, boolean sameClient, String rid, String event, String payload,
			String expectedCollection, String expectedEvent) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.service().event(rid, event, payload);
		c.assertEvent(rid + "." + event, expectedEvent == null ? payload : expectedEvent);
		TestClient.ClientRequest req;
		if (sameClient) {
			c.request("unsubscribe." + rid).response();
			req = c.request("subscribe." + rid);
		}
		else {
			req = s.connect().request("subscribe." + rid);
		}
		s.service().awaitRequest("access." + rid).access(true, null);
		req.response().assertResult("{'collections':{'" + rid + "':" + expectedCollection + "}}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void addEventWithResourceReferenceIncludesResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().add("test.collection", 3, "{'rid':'test.model'}");
		s.service().awaitRequest("get.test.model").resource("test.model");
		c.assertEvent("test.collection.add", "{'idx':3,'value':{'rid':'test.model'},'models':{'test.model':" + Resources.data("test.model") + "}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void removeEventOfReferenceUnsubscribesIt(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection.parent", "test.collection");
		s.service().remove("test.collection.parent", 1);
		c.assertEvent("test.collection.parent.remove", "{'idx':1}");
		s.service().event("test.collection", "custom", "{'foo':'bar'}");
		s.assertNoEventBefore(c, "test.collection.parent");
	}

	static Stream<Arguments> invalidIndexes() {
		String[][] rows = {
				{ "add", "{'idx':5,'value':'bar'}" },
				{ "add", "{'idx':-1,'value':'bar'}" },
				{ "add", "{'idx':0}" },
				{ "add", "{'idx':'0','value':'bar'}" },
				{ "add", "{'idx':0,'value':{'action':'delete'}}" },
				{ "remove", "{'idx':4}" },
				{ "remove", "{'idx':-1}" },
				{ "change", "{'values':{'foo':'bar'}}" } };
		List<Arguments> out = new ArrayList<>();
		for (String[] r : rows) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	/** An event that does not fit the cached collection is dropped; the collection stays as it was. */
	@ParameterizedTest(name = "[{index}] {0} {1} {2}")
	@MethodSource("invalidIndexes")
	void invalidEventOnCollectionIsDropped(Transport transport, String event, String payload) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().event("test.collection", event, payload);
		s.assertNoEventBefore(c, "test.collection");
		TestClient.ClientRequest req = s.connect().request("subscribe.test.collection");
		s.service().awaitRequest("access.test.collection").access(true, null);
		req.response().assertResources("test.collection");
	}

	static Stream<Arguments> sequences() {
		String[] rows = { "+0", "+0 -0", "+0 -0 +0", "+0 +0", "+0 +1", "+0 +1 -0 -0", "+0 +1 -1 -0 +0" };
		List<Arguments> out = new ArrayList<>();
		for (String r : rows) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r));
			}
		}
		return out.stream();
	}

	/** The referenced model is sent with an add event only when the client does not hold it already. */
	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("sequences")
	void sequentialAddRemoveWithResourceReference(Transport transport, String steps) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection.empty");
		int count = 0;
		boolean cached = false;
		String model = Resources.data("test.model");
		for (String step : steps.split(" ")) {
			int idx = Integer.parseInt(step.substring(1));
			if (step.charAt(0) == '+') {
				s.service().add("test.collection.empty", idx, "{'rid':'test.model'}");
				if (!cached) {
					s.service().awaitRequest("get.test.model").resource("test.model");
					cached = true;
				}
				c.assertEvent("test.collection.empty.add", (count == 0)
						? "{'idx':" + idx + ",'value':{'rid':'test.model'},'models':{'test.model':" + model + "}}"
						: "{'idx':" + idx + ",'value':{'rid':'test.model'}}");
				count++;
			}
			else {
				s.service().remove("test.collection.empty", idx);
				c.assertEvent("test.collection.empty.remove", "{'idx':" + idx + "}");
				count--;
			}
		}
		s.service().assertNoRequest();
		c.assertNoMessage();
	}
}
