package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model change events: applied to the cached model, no-op changes and unchanged keys dropped,
 * data values passed through (primitives unwrapped), v1.0 change events without {@code values}
 * accepted, new references fetched and sent along, and references that go away unsubscribed.
 */
class ModelEventScenarios extends ConformanceTest {

	static Stream<Arguments> changeTable() {
		String[][] rows = {
				{ "test.model", "{'values':{'string':'bar','int':-12}}", "{'values':{'string':'bar','int':-12}}", "{'string':'bar','int':-12,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'string':'bar'}}", "{'values':{'string':'bar'}}", "{'string':'bar','int':42,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'int':-12}}", "{'values':{'int':-12}}", "{'string':'foo','int':-12,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'new':false}}", "{'values':{'new':false}}", "{'string':'foo','int':42,'bool':true,'null':null,'new':false}" },
				{ "test.model", "{'values':{'int':{'action':'delete'}}}", "{'values':{'int':{'action':'delete'}}}", "{'string':'foo','bool':true,'null':null}" },
				{ "test.model", "{'values':{'soft':{'rid':'test.model.soft','soft':true}}}", "{'values':{'soft':{'rid':'test.model.soft','soft':true}}}",
						"{'string':'foo','int':42,'bool':true,'null':null,'soft':{'rid':'test.model.soft','soft':true}}" },
				{ "test.model.soft", "{'values':{'child':null}}", "{'values':{'child':null}}", "{'name':'soft','child':null}" },
				{ "test.model.soft", "{'values':{'child':{'action':'delete'}}}", "{'values':{'child':{'action':'delete'}}}", "{'name':'soft'}" },
				{ "test.model.data", "{'values':{'primitive':{'data':13}}}", "{'values':{'primitive':13}}",
						"{'name':'data','primitive':13,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}" },
				{ "test.model.data", "{'values':{'object':{'data':{'foo':['baz']}}}}", "{'values':{'object':{'data':{'foo':['baz']}}}}",
						"{'name':'data','primitive':12,'object':{'data':{'foo':['baz']}},'array':{'data':[{'foo':'bar'}]}}" },
				{ "test.model.data", "{'values':{'array':{'data':[{'foo':'baz'}]}}}", "{'values':{'array':{'data':[{'foo':'baz'}]}}}",
						"{'name':'data','primitive':12,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'baz'}]}}" },
				{ "test.model", "{'values':{}}", null, "{'string':'foo','int':42,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'string':'foo'}}", null, "{'string':'foo','int':42,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'string':'foo','int':42}}", null, "{'string':'foo','int':42,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'invalid':{'action':'delete'}}}", null, "{'string':'foo','int':42,'bool':true,'null':null}" },
				{ "test.model", "{'values':{'null':null,'string':'bar'}}", "{'values':{'string':'bar'}}", "{'string':'bar','int':42,'bool':true,'null':null}" },
				{ "test.model.soft", "{'values':{'child':{'rid':'test.model','soft':true}}}", null, "{'name':'soft','child':{'rid':'test.model','soft':true}}" },
				{ "test.model.data", "{'values':{}}", null, "{'name':'data','primitive':12,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}" },
				{ "test.model.data", "{'values':{'primitive':12,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}}", null,
						"{'name':'data','primitive':12,'object':{'data':{'foo':['bar']}},'array':{'data':[{'foo':'bar'}]}}" },
				{ "test.model", "{'values':{'null':{'data':null}}}", null, "{'string':'foo','int':42,'bool':true,'null':null}" },
				// v1.0 change events without the values wrapper
				{ "test.model", "{'string':'bar','int':-12}", "{'values':{'string':'bar','int':-12}}", "{'string':'bar','int':-12,'bool':true,'null':null}" },
				{ "test.model", "{'string':'bar'}", "{'values':{'string':'bar'}}", "{'string':'bar','int':42,'bool':true,'null':null}" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				for (boolean sameClient : new boolean[] { true, false }) {
					out.add(Arguments.of(t, i + 1, sameClient, rows[i][0], rows[i][1], rows[i][2], rows[i][3]));
				}
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1} same client {2}: {3} {4} -> {5}")
	@MethodSource("changeTable")
	void changeEventOnCachedModel(Transport transport, int row, boolean sameClient, String rid, String change, String expectedEvent,
			String expectedModel) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.service().event(rid, "change", change);
		if (expectedEvent == null) {
			s.assertNoEventBefore(c, rid);
		}
		else {
			c.assertEvent(rid + ".change", expectedEvent);
		}
		TestClient.ClientRequest req;
		if (sameClient) {
			c.request("unsubscribe." + rid).response();
			req = c.request("subscribe." + rid);
		}
		else {
			req = s.connect().request("subscribe." + rid);
		}
		s.service().awaitRequest("access." + rid).access(true, null);
		req.response().assertResult("{'models':{'" + rid + "':" + expectedModel + "}}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventOnSubscribedResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().change("test.model", "{'string':'bar','int':-12}");
		c.assertEvent("test.model.change", "{'values':{'string':'bar','int':-12}}");
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventSentToEverySubscribedClient(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		s.subscribe(c1, "test.model");
		TestClient.ClientRequest req = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResources("test.model");
		s.service().change("test.model", "{'string':'bar'}");
		c1.assertEvent("test.model.change", "{'values':{'string':'bar'}}");
		c2.assertEvent("test.model.change", "{'values':{'string':'bar'}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventPriorToGetResponseIsDiscarded(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		ServiceRequest access = s.service().awaitRequest("access.test.model");
		s.service().change("test.model", "{'string':'bar','int':-12}");
		get.resource("test.model");
		access.access(true, null);
		req.response().assertResources("test.model");
		s.assertNoEventBefore(c, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventWithNewResourceReference(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().change("test.model", "{'ref':{'rid':'test.collection'}}");
		s.service().awaitRequest("get.test.collection").resource("test.collection");
		c.assertEvent("test.model.change", "{'values':{'ref':{'rid':'test.collection'}},'collections':{'test.collection':"
				+ Resources.data("test.collection") + "}}");
		s.service().event("test.collection", "custom", "{'foo':'bar'}");
		c.assertEvent("test.collection.custom", "{'foo':'bar'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventWithRemovedResourceReference(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
		s.service().change("test.model.parent", "{'child':null}");
		c.assertEvent("test.model.parent.change", "{'values':{'child':null}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		s.assertNoEventBefore(c, "test.model.parent");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void changeEventWithChangedResourceReference(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().change("test.model.parent", "{'child':{'rid':'test.collection'}}");
		s.service().awaitRequest("get.test.collection").resource("test.collection");
		c.assertEvent("test.model.parent.change", "{'values':{'child':{'rid':'test.collection'}},'collections':{'test.collection':"
				+ Resources.data("test.collection") + "}}");
		s.service().event("test.collection", "custom", "{'foo':'bar'}");
		c.assertEvent("test.collection.custom", "{'foo':'bar'}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		s.assertNoEventBefore(c, "test.model.parent");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void referenceReplacedBySoftReferenceIsUnsubscribed(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().change("test.model.parent", "{'child':{'rid':'test.model','soft':true}}");
		c.assertEvent("test.model.parent.change", "{'values':{'child':{'rid':'test.model','soft':true}}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		s.assertNoEventBefore(c, "test.model.parent");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void softReferenceReplacedByReferenceIsSubscribed(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.soft");
		s.service().change("test.model.soft", "{'child':{'rid':'test.model','soft':false}}");
		s.service().awaitRequest("get.test.model").resource("test.model");
		c.assertEvent("test.model.soft.change", "{'values':{'child':{'rid':'test.model','soft':false}},'models':{'test.model':"
				+ Resources.data("test.model") + "}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void customEventPassedThroughUnchanged(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().event("test.model", "custom", "{'deep':{'list':[1,'two',{'three':null}]},'n':1.5}");
		c.assertEvent("test.model.custom", "{'deep':{'list':[1,'two',{'three':null}]},'n':1.5}");
		s.service().event("test.model", "empty", null);
		c.assertEvent("test.model.empty", null);
	}
}
