package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Query resources: subscribed with their query (passed to access and get), cached by normalized
 * query, not updated by plain resource events, and updated by query events: a query request on the
 * event's subject for every cached normalized query, whose events or full model/collection (diffed)
 * reach every client of that query.
 */
class QueryScenarios extends ConformanceTest {

	static final String EVENT = "{'foo':'bar'}";

	static final String MODEL = Resources.data("test.model");

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryOnNonQueryModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model?q=foo&f=bar");
		s.service().awaitRequest("get.test.model").assertPath("query", "'q=foo&f=bar'").resource("test.model");
		s.service().awaitRequest("access.test.model").assertPath("query", "'q=foo&f=bar'").access(true, null);
		req.response().assertResult("{'models':{'test.model?q=foo&f=bar':" + MODEL + "}}");
		s.service().event("test.model", "custom", EVENT);
		c.assertEvent("test.model?q=foo&f=bar.custom", EVENT);
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void nonQueryOnQueryModelGetsNoEvents(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "", "q=foo&f=bar");
		s.service().event("test.model", "custom", EVENT);
		s.service().flush();
		c.assertNoMessage();
		s.service().assertNoRequest();
	}

	static Stream<Arguments> queries() {
		List<Arguments> out = new ArrayList<>();
		String[][] rows = { { "q=foo&f=bar", "q=foo&f=bar" }, { "q=foo&f=bar&ignore=true", "q=foo&f=bar" },
				{ "q=" + "a".repeat(10000), "q=" + "a".repeat(10000) } };
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}")
	@MethodSource("queries")
	void subscribingToQueryModel(Transport transport, int row, String query, String normalized) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", query, normalized);
		s.service().event("test.model", "custom", EVENT);
		s.service().flush();
		c.assertNoMessage();
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryModelIsFetchedFromCache(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model?q=foo&f=bar");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResult("{'models':{'test.model?q=foo&f=bar':" + MODEL + "}}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryModelIsFetchedFromCacheAfterNormalization(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar&ignore=true", "f=bar&q=foo");
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model?f=bar&q=foo");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResult("{'models':{'test.model?f=bar&q=foo':" + MODEL + "}}");
		TestClient c3 = s.connect();
		req = c3.request("subscribe.test.model?q=foo&f=bar&ignore=true");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResult("{'models':{'test.model?q=foo&f=bar&ignore=true':" + MODEL + "}}");
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void differentQueriesTriggerGetAndAccess(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		s.subscribeQuery(c, "test.model", "q=foo&f=baz", "q=foo&f=baz");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void modelWithReferenceToQueryModel(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model.query.parent");
		s.service().awaitRequest("access.test.model.query.parent").access(true, null);
		s.service().awaitRequest("get.test.model.query.parent").model("{'name':'queryparent','child':{'rid':'test.model?foo=bar'}}");
		s.service().awaitRequest("get.test.model").assertPath("query", "'foo=bar'").result("{'model':" + MODEL + ",'query':'foo=bar'}");
		req.response().assertResult("{'models':{'test.model?foo=bar':" + MODEL
				+ ",'test.model.query.parent':{'name':'queryparent','child':{'rid':'test.model?foo=bar'}}}}");
	}

	// query events

	private static String queryEvent(String subject) {
		return "{'subject':'" + subject + "'}";
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void modelQueryEventSendsQueryRequest(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject).assertPayload("{'query':'q=foo&f=bar'}").result("{'events':[]}");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryResponseWithoutEvents(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.collection", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.collection", "query", queryEvent(subject));
		s.service().awaitRequest(subject).assertPayload("{'query':'q=foo&f=bar'}").result("{}");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryEventOnMultipleQueries(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		s.subscribeQuery(c, "test.model", "q=foo&f=baz", "q=foo&f=baz");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		Map<String, ServiceRequest> byQuery = new HashMap<>();
		for (int i = 0; i < 2; i++) {
			ServiceRequest r = s.service().awaitRequest(subject);
			byQuery.put(r.path("query").asString(), r);
		}
		org.assertj.core.api.Assertions.assertThat(byQuery).containsOnlyKeys("q=foo&f=bar", "q=foo&f=baz");
		byQuery.get("q=foo&f=bar").result("{'events':[{'event':'change','data':{'values':{'string':'barbar'}}}]}");
		byQuery.get("q=foo&f=baz").result("{'events':[{'event':'change','data':{'values':{'string':'barbaz'}}}]}");
		Map<String, String> events = new HashMap<>();
		for (int i = 0; i < 2; i++) {
			tools.jackson.databind.JsonNode ev = c.nextEvent();
			events.put(ev.path("event").asString(), Json.text(ev.get("data")));
		}
		org.assertj.core.api.Assertions.assertThat(events).containsOnlyKeys(s.n("test.model?q=foo&f=bar.change"),
				s.n("test.model?q=foo&f=baz.change"));
		Json.assertJsonEquals(Json.received(events.get(s.n("test.model?q=foo&f=bar.change"))),
				Json.expected("{'values':{'string':'barbar'}}"), "bar change");
		Json.assertJsonEquals(Json.received(events.get(s.n("test.model?q=foo&f=baz.change"))),
				Json.expected("{'values':{'string':'barbaz'}}"), "baz change");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void sameNormalizedQueryGivesOneQueryRequestAndEventsToEach(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.collection", "q=foo&f=bar", "f=bar&q=foo");
		TestClient.ClientRequest req = c.request("subscribe.test.collection?f=bar&q=foo&fake=1");
		s.service().awaitRequest("access.test.collection").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.collection");
		get.result("{'collection':" + Resources.data("test.collection") + ",'query':'f=bar&q=foo'}");
		req.response().assertResult("{'collections':{'test.collection?f=bar&q=foo&fake=1':" + Resources.data("test.collection") + "}}");
		String subject = s.newQuerySubject();
		s.service().event("test.collection", "query", queryEvent(subject));
		s.service().awaitRequest(subject).assertPayload("{'query':'f=bar&q=foo'}").result("{'events':[{'event':'add','data':{'idx':1,'value':'bar'}}]}");
		java.util.Set<String> names = new java.util.HashSet<>();
		for (int i = 0; i < 2; i++) {
			tools.jackson.databind.JsonNode ev = c.nextEvent();
			Json.assertJsonEquals(ev.get("data"), Json.expected("{'idx':1,'value':'bar'}"), "add");
			names.add(ev.path("event").asString());
		}
		org.assertj.core.api.Assertions.assertThat(names).containsExactlyInAnyOrder(s.n("test.collection?q=foo&f=bar.add"),
				s.n("test.collection?f=bar&q=foo&fake=1.add"));
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void modelQueryEventResultingInChangeUpdatesCache(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject).result("{'events':[{'event':'change','data':{'values':{'string':'bar','int':-12}}}]}");
		c.assertEvent("test.model?q=foo&f=bar.change", "{'values':{'string':'bar','int':-12}}");
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.model?q=foo&f=bar");
		s.service().awaitRequest("access.test.model").access(true, null);
		req.response().assertResult("{'models':{'test.model?q=foo&f=bar':{'string':'bar','int':-12,'bool':true,'null':null}}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void collectionQueryEventResultingInAddRemoveUpdatesCache(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.collection", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.collection", "query", queryEvent(subject));
		s.service().awaitRequest(subject)
			.result("{'events':[{'event':'add','data':{'idx':1,'value':'bar'}},{'event':'remove','data':{'idx':4}}]}");
		c.assertEvent("test.collection?q=foo&f=bar.add", "{'idx':1,'value':'bar'}");
		c.assertEvent("test.collection?q=foo&f=bar.remove", "{'idx':4}");
		TestClient c2 = s.connect();
		TestClient.ClientRequest req = c2.request("subscribe.test.collection?q=foo&f=bar");
		s.service().awaitRequest("access.test.collection").access(true, null);
		req.response().assertResult("{'collections':{'test.collection?q=foo&f=bar':['foo','bar',42,true]}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryEventOnNonQuerySubscriptionSendsNoRequest(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().assertNoRequest();
		s.assertNoEventBefore(c, "test.model");
	}

	static Stream<Arguments> invalidQueryEvents() {
		List<Arguments> out = new ArrayList<>();
		for (String p : new String[] { "", "{}", "{\"subject\":BROKEN}", "{\"subject\":42}", "{\"subject\":\"\"}" }) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, p));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} query event {1}")
	@MethodSource("invalidQueryEvents")
	void invalidQueryEventIsIgnored(Transport transport, String payload) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		s.service().publishRaw("event.test.model.query", payload.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		s.service().assertNoRequest();
		// still working
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject).result("{'events':[{'event':'change','data':{'values':{'string':'ok'}}}]}");
		c.assertEvent("test.model?q=foo&f=bar.change", "{'values':{'string':'ok'}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryEventQueuesOtherEventsUntilHandled(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribe(c, "test.model");
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().change("test.model", "{'string':'bar','int':-12}");
		s.service().awaitRequest(subject).assertPayload("{'query':'q=foo&f=bar'}")
			.result("{'events':[{'event':'change','data':{'values':{'string':'baz','int':-13}}}]}");
		c.assertEvent("test.model?q=foo&f=bar.change", "{'values':{'string':'baz','int':-13}}");
		c.assertEvent("test.model.change", "{'values':{'string':'bar','int':-12}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryEventBeforeGetResponseIsDiscarded(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model?foo=bar");
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		ServiceRequest access = s.service().awaitRequest("access.test.model");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		get.result("{'model':" + MODEL + ",'query':'foo=baz'}");
		access.access(true, null);
		req.response().assertResult("{'models':{'test.model?foo=bar':" + MODEL + "}}");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryModelResponseCausesChangeEvent(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject).result("{'model':{'string':'bar','int':-12,'bool':true}}");
		c.assertEvent("test.model?q=foo&f=bar.change", "{'values':{'string':'bar','int':-12,'null':{'action':'delete'}}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryCollectionResponseCausesAddRemoveEvents(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.collection", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.collection", "query", queryEvent(subject));
		s.service().awaitRequest(subject).result("{'collection':['foo','bar',42,true]}");
		c.assertEvent("test.collection?q=foo&f=bar.remove", "{'idx':3}");
		c.assertEvent("test.collection?q=foo&f=bar.add", "{'idx':1,'value':'bar'}");
	}

	static Stream<Arguments> invalidQueryResponses() {
		List<Arguments> out = new ArrayList<>();
		String[][] rows = {
				{ "test.model", "{'collection':['foo','bar',42,true]}" },
				{ "test.collection", "{'model':{'string':'bar','int':-12,'bool':true}}" },
				{ "test.model", "{'events':'foo'}" },
				{ "test.model", "{'model':[]}" },
				{ "test.model", "{'collection':[]}" },
				{ "test.model", "{'model':{},'events':[]}" },
				{ "test.model", "{'model':{'string':'bar'},'events':[]}" },
				{ "test.model", "{'model':{},'events':[{'event':'change','data':{'values':{'string':'bar','int':-12}}}]}" },
				{ "test.collection", "{'events':'foo'}" },
				{ "test.collection", "{'collection':{}}" },
				{ "test.collection", "{'model':{}}" },
				{ "test.collection", "{'collection':[],'events':[]}" },
				{ "test.collection", "{'collection':['foo','bar'],'events':[{'event':'add','data':{'idx':1,'value':'bar'}}]}" } };
		for (String[] r : rows) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, r[0], r[1]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} {1} query response {2}")
	@MethodSource("invalidQueryResponses")
	void invalidQueryResponseIsIgnored(Transport transport, String rid, String response) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, rid, "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event(rid, "query", queryEvent(subject));
		s.service().awaitRequest(subject).result(response);
		String next = s.newQuerySubject();
		s.service().event(rid, "query", queryEvent(next));
		s.service().awaitRequest(next).result("{'events':[]}");
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryNotFoundOnModelDeletesIt(Transport transport) {
		queryNotFoundDeletes(transport, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryNotFoundOnCollectionDeletesIt(Transport transport) {
		queryNotFoundDeletes(transport, "test.collection");
	}

	private void queryNotFoundDeletes(Transport transport, String rid) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, rid, "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event(rid, "query", queryEvent(subject));
		s.service().awaitRequest(subject).error("system.notFound", "Not found");
		c.assertEvent(rid + "?q=foo&f=bar.delete", null);
		String next = s.newQuerySubject();
		s.service().event(rid, "query", queryEvent(next));
		s.service().assertNoRequest();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryInternalErrorKeepsResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject).error("system.internalError", "Internal error");
		String next = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(next));
		s.service().awaitRequest(next).result("{'events':[]}");
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void queryDeleteEventDeletesFromCache(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		s.subscribeQuery(c, "test.model", "q=foo&f=bar", "q=foo&f=bar");
		String subject = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(subject));
		s.service().awaitRequest(subject)
			.result("{'events':[{'event':'delete'},{'event':'change','data':{'values':{'string':'bar','int':-12}}}]}");
		c.assertEvent("test.model?q=foo&f=bar.delete", null);
		c.assertEvent("test.model?q=foo&f=bar.unsubscribe", "{'reason':{'code':'system.deleted','message':'Deleted'}}");
		String next = s.newQuerySubject();
		s.service().event("test.model", "query", queryEvent(next));
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void multipleClientsWithDifferentQueries(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c1 = s.connect();
		TestClient c2 = s.connect();
		s.subscribeQuery(c1, "test.collection", "q=foo&f=bar", "q=foo&f=bar");
		s.subscribeQuery(c2, "test.collection", "q=zoo&f=baz", "q=zoo&f=baz");
		String subject = s.newQuerySubject();
		s.service().event("test.collection", "query", queryEvent(subject));
		Map<String, ServiceRequest> byQuery = new HashMap<>();
		for (int i = 0; i < 2; i++) {
			ServiceRequest r = s.service().awaitRequest(subject);
			byQuery.put(r.path("query").asString(), r);
		}
		org.assertj.core.api.Assertions.assertThat(byQuery).containsOnlyKeys("q=foo&f=bar", "q=zoo&f=baz");
		byQuery.get("q=foo&f=bar").result("{'events':[{'event':'remove','data':{'idx':0}}]}");
		byQuery.get("q=zoo&f=baz").result("{'events':[]}");
		c1.assertEvent("test.collection?q=foo&f=bar.remove", "{'idx':0}");
		c1.assertNoMessage();
		c2.assertNoMessage();
	}
}
