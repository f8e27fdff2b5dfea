package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Connection token events ({@code conn.<cid>.token}): the token is set before the auth response,
 * sent on later access, call and auth requests, replaced or cleared by later events, and a changed
 * token re-checks access of the direct subscriptions, unsubscribing those denied.
 */
class TokenEventScenarios extends ConformanceTest {

	static final String TOKEN = "{'user':'foo'}";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenSentOnAccessAndCall(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.authenticate(c, TOKEN, null);
		TestClient.ClientRequest sub = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").assertPath("token", TOKEN).access(true, null);
		s.serveGets("test.model");
		sub.response().assertResources("test.model");
		TestClient.ClientRequest call = c.request("call.test.callmodel.method");
		s.service().awaitRequest("access.test.callmodel").assertPath("token", TOKEN).access(false, null);
		call.response().assertError("system.accessDenied");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenSentOnCallAndAuthRequests(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.authenticate(c, TOKEN, null);
		TestClient.ClientRequest call = c.request("call.test.model.method", "{'a':1}");
		s.service().awaitRequest("access.test.model").assertPath("token", TOKEN).accessGranted();
		s.service().awaitRequest("call.test.model.method").assertPath("token", TOKEN).result("1");
		call.response().assertResult("{'payload':1}");
		TestClient.ClientRequest auth = c.request("auth.test.model.other");
		s.service().awaitRequest("auth.test.model.other").assertPath("token", TOKEN).result("2");
		auth.response().assertResult("{'payload':2}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void lastTokenIsUsed(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String[] tokens = { "{'user':'foo','token':1}", "{'user':'bar','token':2}", "null" };
		for (int i = 0; i < tokens.length; i++) {
			s.authenticate(c, tokens[i], null);
			TestClient.ClientRequest call = c.request("call.test.model" + (i + 1) + ".method");
			s.service().awaitRequest("access.test.model" + (i + 1)).assertPath("token", tokens[i]).access(false, null);
			call.response().assertError("system.accessDenied");
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenOnConnectionWithoutTokenSendsNoAccessRequests(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.subscribe(c, "test.model");
		s.service().token(cid, TOKEN, null);
		s.service().assertNoRequest();
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
		// the token is in use now
		TestClient.ClientRequest call = c.request("call.test.other.method");
		s.service().awaitRequest("access.test.other").assertPath("token", TOKEN).access(false, null);
		call.response().assertError("system.accessDenied");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenChangeTriggersAccessOnDirectSubscriptions(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.authenticate(c, TOKEN, null);
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.collection");
		s.service().token(cid, "{'user':'bar'}", null);
		s.service().awaitRequest("access.test.model.parent").assertPath("token", "{'user':'bar'}").access(true, null);
		s.service().awaitRequest("access.test.collection").assertPath("token", "{'user':'bar'}").access(true, null);
		s.service().assertNoRequest();
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
		s.service().event("test.model.parent", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.parent.custom", "{'foo':'bar'}");
		s.service().event("test.collection", "custom", "{'foo':'bar'}");
		c.assertEvent("test.collection.custom", "{'foo':'bar'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenChangeUnsubscribesDeniedResources(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.authenticate(c, TOKEN, null);
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.collection");
		s.subscribe(c, "test.model.soft");
		s.service().token(cid, "{'user':'bar'}", null);
		s.service().awaitRequest("access.test.model.parent").access(false, null);
		s.service().awaitRequest("access.test.collection").accessDenied();
		s.service().awaitRequest("access.test.model.soft").access(true, null);
		String reason = "{'reason':{'code':'system.accessDenied','message':'Access denied'}}";
		java.util.Set<String> unsubscribed = new java.util.HashSet<>();
		for (int i = 0; i < 2; i++) {
			tools.jackson.databind.JsonNode ev = c.nextEvent();
			String name = ev.path("event").asString();
			org.assertj.core.api.Assertions.assertThat(name).endsWith(".unsubscribe");
			Json.assertJsonEquals(ev.get("data"), Json.expected(reason), "unsubscribe reason");
			unsubscribed.add(name);
		}
		org.assertj.core.api.Assertions.assertThat(unsubscribed)
			.containsExactlyInAnyOrder(s.n("test.model.parent.unsubscribe"), s.n("test.collection.unsubscribe"));
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		s.service().event("test.model.parent", "custom", "{'foo':'bar'}");
		s.service().event("test.collection", "custom", "{'foo':'bar'}");
		s.assertNoEventBefore(c, "test.model.soft");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenOfOtherConnectionIsNotUsed(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		s.authenticate(c1, TOKEN, null);
		TestClient.ClientRequest call = c2.request("call.test.model.method");
		s.service().awaitRequest("access.test.model").assertPath("token", "null").access(false, null);
		call.response().assertError("system.accessDenied");
	}
}
