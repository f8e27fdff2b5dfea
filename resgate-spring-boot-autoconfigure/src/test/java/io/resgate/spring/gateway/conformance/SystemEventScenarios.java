package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * System events: {@code system.reset} re-gets cached resources matching its patterns (turning the
 * difference into change, add and remove events; notFound into delete) and re-checks access of
 * matching subscriptions; {@code system.tokenReset} sends an auth request for each connection
 * holding a matching token ID.
 */
class SystemEventScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetWithoutSubscriptionsSendsNothing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.service().systemReset("{'resources':['test.>']}");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetSendsGetRequestForCachedModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().systemReset("{'resources':['test.>']}");
		s.service().awaitRequest("get.test.model").resource("test.model");
		s.assertNoEventBefore(c, "test.model");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetSendsGetRequestForCachedCollection(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.collection");
		s.service().systemReset("{'resources':['test.>']}");
		s.service().awaitRequest("get.test.collection").resource("test.collection");
		s.assertNoEventBefore(c, "test.collection");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetWithNonMatchingPatternSendsNothing(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().systemReset("{'resources':['test.other.>','test.*.none','test'],'access':['test.model.>','test.*.none']}");
		s.service().assertNoRequest();
		s.assertNoEventBefore(c, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetWithExactAndWildcardPatterns(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.service().systemReset("{'resources':['test.*.parent']}");
		s.service().awaitRequest("get.test.model.parent").resource("test.model.parent");
		s.service().assertNoRequest();
		s.service().systemReset("{'resources':['test.model']}");
		s.service().awaitRequest("get.test.model").resource("test.model");
		s.service().assertNoRequest();
	}

	static Stream<Arguments> diffs() {
		String[][] rows = {
				{ "test.model", "{'model':{'string':'foo','int':42,'bool':true,'null':null}}", "" },
				{ "test.model", "{'model':{'string':'bar','int':42,'bool':true}}", "change {'values':{'string':'bar','null':{'action':'delete'}}}" },
				{ "test.model", "{'model':{'string':'foo','int':42,'bool':true,'null':null,'child':{'rid':'test.model','soft':true}}}",
						"change {'values':{'child':{'rid':'test.model','soft':true}}}" },
				{ "test.model.soft", "{'model':{'name':'soft','child':null}}", "change {'values':{'child':null}}" },
				{ "test.collection", "{'collection':['foo',42,true,null]}", "" },
				{ "test.collection", "{'collection':[42,'new',true,null]}", "remove {'idx':0}|add {'idx':1,'value':'new'}" },
				{ "test.collection", "{'collection':['foo',42,true,null,{'rid':'test.model','soft':true}]}",
						"add {'idx':4,'value':{'rid':'test.model','soft':true}}" },
				{ "test.collection.soft", "{'collection':['soft']}", "remove {'idx':1}" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1], rows[i][2]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}: {2} reset to {3} -> {4}")
	@MethodSource("diffs")
	void resetWithUpdatedResourceGeneratesEvents(Transport transport, int row, String rid, String reset, String events) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.service().systemReset("{'resources':['test.>']}");
		s.service().awaitRequest("get." + rid).result(reset);
		if (!events.isEmpty()) {
			for (String ev : events.split("\\|")) {
				int sp = ev.indexOf(' ');
				c.assertEvent(rid + "." + ev.substring(0, sp), ev.substring(sp + 1));
			}
		}
		s.assertNoEventBefore(c, rid);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetWithNewReferenceFetchesItAndSendsItAlong(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().systemReset("{'resources':['test.model']}");
		s.service().awaitRequest("get.test.model").model("{'string':'foo','int':42,'bool':true,'null':null,'ref':{'rid':'test.collection'}}");
		s.service().awaitRequest("get.test.collection").resource("test.collection");
		c.assertEvent("test.model.change", "{'values':{'ref':{'rid':'test.collection'}},'collections':{'test.collection':"
				+ Resources.data("test.collection") + "}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetAccessSendsAccessRequestsForMatchingSubscriptions(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.collection");
		s.service().systemReset("{'access':['test.model.>']}");
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.service().assertNoRequest();
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model.custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		c.assertEvent("test.model.parent.custom", EVENT);
		s.service().event("test.collection", "custom", EVENT);
		c.assertEvent("test.collection.custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetAccessUnsubscribesDenied(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model.parent", "test.model");
		s.subscribe(c, "test.collection");
		s.service().systemReset("{'access':['test.model.>']}");
		s.service().awaitRequest("access.test.model.parent").access(false, null);
		c.assertEvent("test.model.parent.unsubscribe", "{'reason':{'code':'system.accessDenied','message':'Access denied'}}");
		s.service().event("test.model", "custom", EVENT);
		s.service().event("test.model.parent", "custom", EVENT);
		s.service().event("test.collection", "custom", EVENT);
		c.assertEvent("test.collection.custom", EVENT);
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetAccessForTwoSubscribers(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		s.subscribe(c1, "test.model");
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response();
		s.service().systemReset("{'access':['test.>']}");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().assertNoRequest();
	}

	static Stream<Arguments> queryResets() {
		List<Arguments> out = new ArrayList<>();
		for (String[] r : new String[][] { { "foo=bar", "foo=bar" }, { "a=b&foo=bar", "foo=bar" }, { "", "foo=bar" } }) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} query {1} normalized {2}")
	@MethodSource("queryResets")
	void resetSendsGetRequestWithNormalizedQuery(Transport transport, String query, String normalized) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", query, normalized);
		s.service().systemReset("{'resources':['test.>']}");
		s.service().awaitRequest("get.test.model").assertPath("query", "'" + normalized + "'").resource("test.model");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetAccessOnMultipleQueries(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=1", "q=foo&f=1");
		s.subscribeQuery(c, "test.model", "q=foo&f=2", "q=foo&f=2");
		s.service().systemReset("{'access':['test.>']}");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetNotFoundOnModelDeletesIt(Transport transport) {
		resetNotFoundDeletes(transport, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resetNotFoundOnCollectionDeletesIt(Transport transport) {
		resetNotFoundDeletes(transport, "test.collection");
	}

	private void resetNotFoundDeletes(Transport transport, String rid) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.subscribe(c, "test.m.a");
		s.service().systemReset("{'resources':['" + rid + "']}");
		s.service().awaitRequest("get." + rid).error("system.notFound", "Not found");
		c.assertEvent(rid + ".delete", null);
		c.assertEvent(rid + ".unsubscribe", "{'reason':{'code':'system.deleted','message':'Deleted'}}");
		s.service().event(rid, "custom", EVENT);
		s.assertNoEventBefore(c, "test.m.a");
	}

	static Stream<Arguments> resetFailures() {
		List<Arguments> out = new ArrayList<>();
		String[][] rows = {
				{ "test.model", Replies.error(Replies.INTERNAL_ERROR_ERROR) },
				{ "test.collection", Replies.error(Replies.INTERNAL_ERROR_ERROR) },
				{ "test.model", Replies.result("{'collection':['foo',42,true,null]}") },
				{ "test.collection", Replies.result("{'model':{'string':'foo','int':42,'bool':true,'null':null}}") },
				{ "test.model", "{\"broken\":JSON" } };
		for (String[] r : rows) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	/** A failed or mismatching reset response leaves the cached resource and subscriptions as they were. */
	@ParameterizedTest(name = "[{index}] {0} {1} reset answered {2}")
	@MethodSource("resetFailures")
	void resetWithFailingResponseKeepsResource(Transport transport, String rid, String reply) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, rid);
		s.service().systemReset("{'resources':['test.>']}");
		s.service().awaitRequest("get." + rid).respondRaw(reply);
		s.assertNoEventBefore(c, rid);
		s.service().event(rid, "custom", EVENT);
		c.assertEvent(rid + ".custom", EVENT);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetWithoutMatchingTidSendsNoAuth(Transport transport) {
		Scenario s = scenario(transport);
		String subject = "auth.test.token.renew";
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.authenticate(c, "{'user':'foo'}", "tid-" + s.names().service());
		s.service().tokenReset("{'tids':['42-" + s.names().service() + "'],'subject':'" + subject + "'}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetWithMismatchingTidsSendsNoAuth(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.authenticate(c, "{'user':'foo'}", "foo-" + s.names().service());
		s.service().tokenReset("{'tids':['bar-" + s.names().service() + "','baz'],'subject':'auth.test.token.renew'}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetWithMatchingTidSendsAuthRequest(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String tid = "foo-" + s.names().service();
		String cid = s.authenticate(c, "{'user':'foo'}", tid);
		s.service().tokenReset("{'tids':['bar','" + tid + "'],'subject':'auth.test.token.renew'}");
		ServiceRequest auth = s.service().awaitRequest("auth.test.token.renew");
		auth.assertPath("cid", "'" + cid + "'").assertPath("token", "{'user':'foo'}").assertPathNullOrMissing("params");
		auth.result("null");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetToAnySubject(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String tid = "any-" + s.names().service();
		String cid = s.authenticate(c, "{'user':'foo'}", tid);
		String subject = "renew." + s.names().service() + ".token";
		s.service().listen(subject);
		s.service().tokenReset("{'tids':['" + tid + "'],'subject':'" + subject + "'}");
		s.service().awaitRequest(subject).assertPath("cid", "'" + cid + "'").error("system.accessDenied", "Access denied");
		c.assertAlive();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetForEachMatchingConnection(Transport transport) {
		Scenario s = scenario(transport);
		String tid = "multi-" + s.names().service();
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		TestClient c3 = s.connect();
		String cid1 = s.authenticate(c1, "{'user':1}", tid);
		String cid2 = s.authenticate(c2, "{'user':2}", tid);
		s.authenticate(c3, "{'user':3}", "other-" + tid);
		s.service().tokenReset("{'tids':['" + tid + "'],'subject':'auth.test.token.renew'}");
		java.util.Set<String> cids = new java.util.HashSet<>();
		for (int i = 0; i < 2; i++) {
			ServiceRequest auth = s.service().awaitRequest("auth.test.token.renew");
			cids.add(auth.cid());
			auth.result("null");
		}
		org.assertj.core.api.Assertions.assertThat(cids).containsExactlyInAnyOrder(cid1, cid2);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void tokenResetTimeoutKeepsConnectionHealthy(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String tid = "slow-" + s.names().service();
		s.authenticate(c, "{'user':'foo'}", tid);
		s.service().tokenReset("{'tids':['" + tid + "'],'subject':'auth.test.token.renew'}");
		s.service().awaitRequest("auth.test.token.renew");
		s.subscribe(c, "test.model");
	}

	static Stream<Arguments> brokenTokenResets() {
		List<Arguments> out = new ArrayList<>();
		for (String p : new String[] { "{'tids':'foo','subject':'auth.test.token.renew'}", "{'tids':['foo']}", "{'tids':[],'subject':'test'}",
				"{\"broken\":JSON", "" }) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, p));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} tokenReset {1}")
	@MethodSource("brokenTokenResets")
	void brokenTokenResetIsIgnored(Transport transport, String payload) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.authenticate(c, "{'user':'foo'}", "foo");
		s.service().publishRaw("system.tokenReset", s.n(payload.replace('\'', '"')).getBytes(java.nio.charset.StandardCharsets.UTF_8));
		s.service().assertNoRequest();
		s.subscribe(c, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void brokenResetIsIgnored(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.service().publishRaw("system.reset", "{\"resources\":BROKEN".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		s.service().publishRaw("system.reset", "{\"resources\":\"test.>\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		s.service().assertNoRequest();
		s.assertNoEventBefore(c, "test.model");
	}
}
