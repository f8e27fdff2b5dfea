package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A resource the client held but lost while a subscribe was still collecting its resource set must
 * be sent again in that set: the gateway decides what the client has when the response is sent,
 * not when the subscribe started.
 */
class IndirectSentScenarios extends ConformanceTest {

	static final String MODEL = Resources.data("test.model");

	static final String DELAYED = "{'name':'delayed'}";

	static final String DELAYED_PARENT = "{'name':'delayedparent','child':{'rid':'test.model'},'delayed':{'rid':'test.model.delayed'}}";

	enum Kind {
		DIRECTLY_UNSUBSCRIBED, INDIRECTLY_UNSUBSCRIBED, CHANGE_EVENT_UNSUBSCRIBED, DIRECT_THEN_INDIRECT_BY_CHANGE,
		CHANGE_EVENT_SUBSCRIBED_AND_UNSUBSCRIBED, DIRECT_AFTER_REMOVING_INDIRECT
	}

	static Stream<Arguments> kinds() {
		List<Arguments> out = new ArrayList<>();
		for (Kind k : Kind.values()) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, k));
			}
		}
		return out.stream();
	}

	private void subscribe(Scenario s, TestClient c, Kind kind) {
		switch (kind) {
			case DIRECTLY_UNSUBSCRIBED -> s.subscribe(c, "test.model");
			case INDIRECTLY_UNSUBSCRIBED, CHANGE_EVENT_UNSUBSCRIBED -> s.subscribe(c, "test.model.parent", "test.model");
			case DIRECT_THEN_INDIRECT_BY_CHANGE -> {
				s.subscribe(c, "test.model");
				subscribeEmptyParent(s, c);
				s.service().change("test.model.parent", "{'child':{'rid':'test.model'}}");
				c.assertEvent("test.model.parent.change", "{'values':{'child':{'rid':'test.model'}}}");
			}
			case CHANGE_EVENT_SUBSCRIBED_AND_UNSUBSCRIBED -> {
				subscribeEmptyParent(s, c);
				s.service().change("test.model.parent", "{'child':{'rid':'test.model'}}");
				s.service().awaitRequest("get.test.model").resource("test.model");
				c.assertEvent("test.model.parent.change", "{'values':{'child':{'rid':'test.model'}},'models':{'test.model':" + MODEL + "}}");
			}
			case DIRECT_AFTER_REMOVING_INDIRECT -> {
				s.subscribe(c, "test.model");
				TestClient.ClientRequest req = c.request("subscribe.test.model.parent");
				s.service().awaitRequest("access.test.model.parent").access(true, null);
				s.serveGets("test.model.parent");
				req.response().assertResources("test.model.parent");
			}
		}
	}

	private void subscribeEmptyParent(Scenario s, TestClient c) {
		TestClient.ClientRequest req = c.request("subscribe.test.model.parent");
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.service().awaitRequest("get.test.model.parent").model("{'name':'parent','child':null}");
		req.response().assertResult("{'models':{'test.model.parent':{'name':'parent','child':null}}}");
	}

	private void unsubscribe(Scenario s, TestClient c, Kind kind) {
		switch (kind) {
			case DIRECTLY_UNSUBSCRIBED -> c.request("unsubscribe.test.model").response();
			case INDIRECTLY_UNSUBSCRIBED -> c.request("unsubscribe.test.model.parent").response();
			case CHANGE_EVENT_UNSUBSCRIBED, CHANGE_EVENT_SUBSCRIBED_AND_UNSUBSCRIBED -> {
				s.service().change("test.model.parent", "{'child':null}");
				c.assertEvent("test.model.parent.change", "{'values':{'child':null}}");
			}
			case DIRECT_THEN_INDIRECT_BY_CHANGE -> {
				c.request("unsubscribe.test.model").response();
				s.service().change("test.model.parent", "{'child':null}");
				c.assertEvent("test.model.parent.change", "{'values':{'child':null}}");
			}
			case DIRECT_AFTER_REMOVING_INDIRECT -> {
				s.service().change("test.model.parent", "{'child':null}");
				c.assertEvent("test.model.parent.change", "{'values':{'child':null}}");
				c.request("unsubscribe.test.model").response();
			}
		}
	}

	@ParameterizedTest(name = "[{index}] {0} {1}")
	@MethodSource("kinds")
	void subscriptionReferenceContainsResource(Transport transport, Kind kind) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		subscribe(s, c, kind);
		TestClient.ClientRequest req = c.request("subscribe.test.model.delayedparent");
		s.service().awaitRequest("access.test.model.delayedparent").access(true, null);
		s.service().awaitRequest("get.test.model.delayedparent").model(DELAYED_PARENT);
		ServiceRequest delayed = s.service().awaitRequest("get.test.model.delayed");
		unsubscribe(s, c, kind);
		delayed.model(DELAYED);
		req.response().assertResult("{'models':{'test.model':" + MODEL + ",'test.model.delayedparent':" + DELAYED_PARENT
				+ ",'test.model.delayed':" + DELAYED + "}}");
	}
}
