package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Older clients: a v1.2.0 client sees soft references as plain resource ID strings and data values
 * as {@code "[Data]"}; a v1.1 client (no version request) gets unwrapped call results.
 */
class LegacyClientScenarios extends ConformanceTest {

	static Stream<Arguments> changes() {
		String[][] rows = {
				{ "test.model", "{'values':{'soft':{'rid':'test.model.soft','soft':true}}}", "{'values':{'soft':'test.model.soft'}}",
						"{'string':'foo','int':42,'bool':true,'null':null,'soft':'test.model.soft'}" },
				{ "test.model.soft", "{'values':{'child':null}}", "{'values':{'child':null}}", "{'name':'soft','child':null}" },
				{ "test.model.soft", "{'values':{'child':{'action':'delete'}}}", "{'values':{'child':{'action':'delete'}}}", "{'name':'soft'}" },
				{ "test.model.soft", "{'values':{'child':{'rid':'test.model','soft':true}}}", null, "{'name':'soft','child':'test.model'}" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1], rows[i][2], rows[i][3]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}")
	@MethodSource("changes")
	void v120ChangeEventOnCachedModel(Transport transport, int row, String rid, String change, String expectedEvent, String expectedModel) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithVersion("1.2.0");
		TestClient.ClientRequest req = c.request("subscribe." + rid);
		s.service().awaitRequest("access." + rid).access(true, null);
		s.service().awaitRequest("get." + rid).resource(rid);
		req.response();
		s.service().event(rid, "change", change);
		if (expectedEvent == null) {
			s.assertNoEventBefore(c, rid);
		}
		else {
			c.assertEvent(rid + ".change", expectedEvent);
		}
		c.request("unsubscribe." + rid).response();
		req = c.request("subscribe." + rid);
		s.service().awaitRequest("access." + rid).access(true, null);
		req.response().assertResult("{'models':{'" + rid + "':" + expectedModel + "}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void v120SoftReferenceReplacedByReferenceSubscribesIt(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithVersion("1.2.0");
		TestClient.ClientRequest req = c.request("subscribe.test.model.soft");
		s.service().awaitRequest("access.test.model.soft").access(true, null);
		s.service().awaitRequest("get.test.model.soft").resource("test.model.soft");
		req.response().assertResult("{'models':{'test.model.soft':{'name':'soft','child':'test.model'}}}");
		s.service().change("test.model.soft", "{'child':{'rid':'test.model','soft':false}}");
		s.service().awaitRequest("get.test.model").resource("test.model");
		c.assertEvent("test.model.soft.change", "{'values':{'child':{'rid':'test.model','soft':false}},'models':{'test.model':"
				+ Resources.data("test.model") + "}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void v120AddOfSoftReference(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithVersion("1.2.0");
		TestClient.ClientRequest req = c.request("subscribe.test.collection");
		s.service().awaitRequest("access.test.collection").access(true, null);
		s.service().awaitRequest("get.test.collection").resource("test.collection");
		req.response();
		s.service().add("test.collection", 0, "{'rid':'test.collection.soft','soft':true}");
		c.assertEvent("test.collection.add", "{'idx':0,'value':'test.collection.soft'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void legacyClientSubscribesAndGetsEvents(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectLegacy();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().change("test.model", "{'string':'bar'}");
		c.assertEvent("test.model.change", "{'values':{'string':'bar'}}");
	}

	/** A v1.1 client (no version request) knows neither soft references nor data values. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void legacyClientSeesSoftReferencesAndDataValuesTheOldWay(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectLegacy();
		for (String rid : new String[] { "test.model.soft", "test.model.data", "test.collection.soft", "test.collection.data" }) {
			TestClient.ClientRequest req = c.request("subscribe." + rid);
			s.service().awaitRequest("access." + rid).access(true, null);
			s.service().awaitRequest("get." + rid).resource(rid);
			req.response().assertResult(Resources.setFor("1.2.0", java.util.List.of(rid)));
		}
		s.service().assertNoRequest();
	}
}
