package io.resgate.spring.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.Messaging;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End-to-end tests of the gateway over a real WebSocket with a scripted service; run on NATS and
 * on the in-process bus by the subclasses.
 */
abstract class GatewayWebSocketTests {

	private static final String MODEL = "{\"string\":\"foo\",\"int\":42,\"bool\":true,\"null\":null}";

	protected ServiceStub service;

	private final List<WsTestClient> clients = new java.util.ArrayList<>();

	/** @return the running gateway app */
	protected abstract GatewayTestApp.Running app();

	/** @return the messaging connection the scripted service uses */
	protected abstract Messaging serviceMessaging();

	@BeforeEach
	void startService() {
		service = new ServiceStub(serviceMessaging());
	}

	@AfterEach
	void stopService() {
		clients.forEach(WsTestClient::close);
		service.close();
	}

	protected WsTestClient connect() {
		WsTestClient c = WsTestClient.connect(app().wsUri());
		clients.add(c);
		return c;
	}

	static JsonNode json(String s) {
		return WsTestClient.JSON.readTree(s);
	}

	@Test
	void plainGetOnTheWebSocketPathReachesTheController() throws Exception {
		HttpResponse<String> r = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app().port() + "/")).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).isEqualTo(200);
		assertThat(r.body()).isEqualTo("hello page");
	}

	@Test
	void versionRequestAnswersTheProtocolVersion() {
		WsTestClient c = connect();
		assertThat(c.request("version", "{\"protocol\":\"1.2.0\"}").get("result"))
			.isEqualTo(json("{\"protocol\":\"1.2.3\"}"));
		assertThat(c.request("version", "{\"protocol\":\"2.0.0\"}").get("error").get("code").asString())
			.isEqualTo("system.unsupportedProtocol");
	}

	@Test
	void subscribeSendsAccessAndGetInParallelAndAnswersTheModel() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("subscribe.e2e.model", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(reqs, "access.e2e.model");
		ServiceStub.Request get = ServiceStub.pick(reqs, "get.e2e.model");
		assertThat(access.payload().get("token").isNull()).isTrue();
		assertThat(access.payload().get("cid").asString()).isNotEmpty();
		assertThat(get.payload()).isEqualTo(json("{}"));
		get.result("{\"model\":" + MODEL + "}");
		access.result("{\"get\":true}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"models\":{\"e2e.model\":" + MODEL + "}}"));

		// A second client gets the cached resource: only an access request is sent.
		WsTestClient c2 = connect();
		long id2 = c2.send("subscribe.e2e.model", null);
		service.next("access.e2e.model").result("{\"get\":true}");
		assertThat(c2.response(id2).get("result")).isEqualTo(json("{\"models\":{\"e2e.model\":" + MODEL + "}}"));
		service.assertNoRequest(Duration.ofMillis(100));

		// An event reaches both clients; a no-op change is dropped.
		service.publish("event.e2e.model.change", "{\"values\":{\"string\":\"bar\",\"int\":42}}");
		JsonNode expected = json("{\"event\":\"e2e.model.change\",\"data\":{\"values\":{\"string\":\"bar\"}}}");
		assertThat(c.event()).isEqualTo(expected);
		assertThat(c2.event()).isEqualTo(expected);
		service.publish("event.e2e.model.change", "{\"values\":{\"string\":\"bar\"}}");
		c.assertNoFrame(Duration.ofMillis(100));

		// Unsubscribe once, then there is no subscription left.
		assertThat(c.request("unsubscribe.e2e.model", null).has("error")).isFalse();
		assertThat(c.request("unsubscribe.e2e.model", null).get("error").get("code").asString())
			.isEqualTo("system.noSubscription");
	}

	@Test
	void accessDenialWinsOverTheGetResult() {
		WsTestClient c = connect();
		long id = c.send("subscribe.e2e.denied", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "get.e2e.denied").result("{\"model\":" + MODEL + "}");
		ServiceStub.pick(reqs, "access.e2e.denied").result("{\"get\":false}");
		assertThat(c.response(id).get("error")).isEqualTo(json("{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}"));
	}

	@Test
	void referencesAreFollowedAndSoftReferencesAreNot() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("subscribe.e2e.parent", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "access.e2e.parent").result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.parent")
			.result("{\"model\":{\"child\":{\"rid\":\"e2e.child\"},\"soft\":{\"rid\":\"e2e.other\",\"soft\":true},"
					+ "\"data\":{\"data\":[1,2]}}}");
		service.next("get.e2e.child").result("{\"collection\":[1,{\"rid\":\"e2e.parent\"}]}");
		JsonNode result = c.response(id).get("result");
		assertThat(result).isEqualTo(json("{\"models\":{\"e2e.parent\":{\"child\":{\"rid\":\"e2e.child\"},"
				+ "\"soft\":{\"rid\":\"e2e.other\",\"soft\":true},\"data\":{\"data\":[1,2]}}},"
				+ "\"collections\":{\"e2e.child\":[1,{\"rid\":\"e2e.parent\"}]}}"));
	}

	@Test
	void callIsCheckedForAccessAndItsResultWrappedInPayload() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("call.e2e.calc.add", "{\"a\":1}");
		service.next("access.e2e.calc").result("{\"get\":false,\"call\":\"sub,add\"}");
		ServiceStub.Request call = service.next("call.e2e.calc.add");
		assertThat(call.payload().get("params")).isEqualTo(json("{\"a\":1}"));
		call.result("{\"sum\":3}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"payload\":{\"sum\":3}}"));

		long denied = c.send("call.e2e.calc.mul", null);
		service.next("access.e2e.calc").result("{\"get\":true,\"call\":\"sub,add\"}");
		assertThat(c.response(denied).get("error").get("code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void legacyClientGetsUnwrappedCallResults() {
		WsTestClient c = connect();
		long id = c.send("call.e2e.legacy.method", null);
		service.next("access.e2e.legacy").result("{\"call\":\"*\"}");
		service.next("call.e2e.legacy.method").result("{\"x\":1}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"x\":1}"));
	}

	@Test
	void badInputIsIgnoredOrAnsweredWithInvalidRequest() {
		WsTestClient c = connect();
		c.sendRaw("not json");
		c.sendRaw("{\"method\":\"version\"}");
		assertThat(c.request("foo.bar", null).get("error").get("code").asString()).isEqualTo("system.invalidRequest");
		assertThat(c.request("subscribe.e2e..bad", null).get("error").get("code").asString())
			.isEqualTo("system.invalidRequest");
		assertThat(c.request("version", null).get("result").get("protocol").asString()).isEqualTo("1.2.3");
	}

	@Test
	void authWithTokenEventSetsTheTokenBeforeTheResponse() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		long id = c.send("auth.e2e.auth.login", "{\"user\":\"jane\"}");
		ServiceStub.Request auth = service.next("auth.e2e.auth.login");
		String cid = auth.payload().get("cid").asString();
		service.publish("conn." + cid + ".token", "{\"token\":{\"user\":\"jane\"}}");
		auth.result("null");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"payload\":null}"));
		long sub = c.send("subscribe.e2e.secret", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.Request access = ServiceStub.pick(reqs, "access.e2e.secret");
		assertThat(access.payload().get("token")).isEqualTo(json("{\"user\":\"jane\"}"));
		access.result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.secret").result("{\"collection\":[\"a\"]}");
		assertThat(c.response(sub).get("result")).isEqualTo(json("{\"collections\":{\"e2e.secret\":[\"a\"]}}"));
	}

	/** Subscribes a client with the latest protocol to a resource, answering access and get. */
	protected void subscribe(WsTestClient c, String rid, String getResult) {
		long id = c.send("subscribe." + rid, null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "access." + rid).result("{\"get\":true}");
		ServiceStub.pick(reqs, "get." + rid).result(getResult);
		assertThat(c.response(id).has("result")).isTrue();
	}

	protected WsTestClient connectLatest() {
		WsTestClient c = connect();
		c.request("version", "{\"protocol\":\"1.2.3\"}");
		return c;
	}

	@Test
	void systemResetTurnsTheDifferenceIntoEvents() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.reset.model", "{\"model\":{\"a\":1,\"b\":2}}");
		subscribe(c, "e2e.reset.col", "{\"collection\":[\"a\",\"b\",\"c\"]}");
		service.publish("system.reset", "{\"resources\":[\"e2e.reset.>\"]}");
		List<ServiceStub.Request> gets = service.nextParallel(2);
		ServiceStub.pick(gets, "get.e2e.reset.model").result("{\"model\":{\"a\":1,\"c\":3}}");
		JsonNode change = c.event();
		assertThat(change).isEqualTo(json("{\"event\":\"e2e.reset.model.change\",\"data\":{\"values\":"
				+ "{\"b\":{\"action\":\"delete\"},\"c\":3}}}"));
		ServiceStub.pick(gets, "get.e2e.reset.col").result("{\"collection\":[\"a\",\"c\",\"d\"]}");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.reset.col.remove\",\"data\":{\"idx\":1}}"));
		assertThat(c.event())
			.isEqualTo(json("{\"event\":\"e2e.reset.col.add\",\"data\":{\"idx\":2,\"value\":\"d\"}}"));
	}

	@Test
	void deleteEventIsFollowedByUnsubscribeAndLaterEventsAreDropped() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.del", "{\"model\":{\"a\":1}}");
		service.publish("event.e2e.del.delete", "");
		assertThat(c.event().get("event").asString()).isEqualTo("e2e.del.delete");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.del.unsubscribe\",\"data\":{\"reason\":"
				+ "{\"code\":\"system.deleted\",\"message\":\"Deleted\"}}}"));
		service.publish("event.e2e.del.custom", "{\"x\":1}");
		c.assertNoFrame(Duration.ofMillis(150));
	}

	@Test
	void reaccessUnsubscribesClientsThatLostAccessAndCustomEventsPassThrough() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.reaccess", "{\"model\":{\"a\":1}}");
		service.publish("event.e2e.reaccess.custom", "{\"foo\":[1,2]}");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.reaccess.custom\",\"data\":{\"foo\":[1,2]}}"));
		service.publish("event.e2e.reaccess.reaccess", "");
		service.next("access.e2e.reaccess").result("{\"get\":false}");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.reaccess.unsubscribe\",\"data\":{\"reason\":"
				+ "{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}}"));
		assertThat(c.request("unsubscribe.e2e.reaccess", null).get("error").get("code").asString())
			.isEqualTo("system.noSubscription");
	}

	@Test
	void tokenChangeRechecksAccessOfDirectSubscriptionsOnly() {
		WsTestClient c = connectLatest();
		long id = c.send("subscribe.e2e.tok", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		String cid = ServiceStub.pick(reqs, "access.e2e.tok").payload().get("cid").asString();
		ServiceStub.pick(reqs, "access.e2e.tok").result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.tok").result("{\"model\":{\"child\":{\"rid\":\"e2e.tok.child\"}}}");
		service.next("get.e2e.tok.child").result("{\"model\":{\"x\":1}}");
		c.response(id);
		// No token before: setting one sends no access requests.
		service.publish("conn." + cid + ".token", "{\"token\":{\"u\":1},\"tid\":\"t1\"}");
		service.assertNoRequest(Duration.ofMillis(150));
		// Changing it re-checks the direct subscription only.
		service.publish("conn." + cid + ".token", "{\"token\":{\"u\":2}}");
		ServiceStub.Request access = service.next("access.e2e.tok");
		assertThat(access.payload().get("token")).isEqualTo(json("{\"u\":2}"));
		access.result("{\"get\":true}");
		service.assertNoRequest(Duration.ofMillis(150));
	}

	@Test
	void changeWithNewReferenceIncludesTheReferencedResource() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.ref", "{\"model\":{\"child\":null}}");
		service.publish("event.e2e.ref.change", "{\"values\":{\"child\":{\"rid\":\"e2e.ref.child\"}}}");
		service.next("get.e2e.ref.child").result("{\"collection\":[1,2]}");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.ref.change\",\"data\":{\"values\":"
				+ "{\"child\":{\"rid\":\"e2e.ref.child\"}},\"collections\":{\"e2e.ref.child\":[1,2]}}}"));
		service.publish("event.e2e.ref.child.add", "{\"idx\":2,\"value\":3}");
		assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.ref.child.add\",\"data\":{\"idx\":2,\"value\":3}}"));
	}

	@Test
	void queryEventLeadsToQueryRequestsAndEvents() {
		WsTestClient c = connectLatest();
		long id = c.send("subscribe.e2e.q?limit=2", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		assertThat(ServiceStub.pick(reqs, "access.e2e.q").payload().get("query").asString()).isEqualTo("limit=2");
		ServiceStub.pick(reqs, "access.e2e.q").result("{\"get\":true}");
		ServiceStub.Request get = ServiceStub.pick(reqs, "get.e2e.q");
		assertThat(get.payload()).isEqualTo(json("{\"query\":\"limit=2\"}"));
		get.result("{\"collection\":[\"a\",\"b\"],\"query\":\"limit=2\"}");
		assertThat(c.response(id).get("result"))
			.isEqualTo(json("{\"collections\":{\"e2e.q?limit=2\":[\"a\",\"b\"]}}"));
		ServiceStub queryService = new ServiceStub(serviceMessaging(), "_EVENT_QUERY.e2e");
		try {
			service.publish("event.e2e.q.query", "{\"subject\":\"_EVENT_QUERY.e2e\"}");
			ServiceStub.Request q = queryService.next("_EVENT_QUERY.e2e");
			assertThat(q.payload()).isEqualTo(json("{\"query\":\"limit=2\"}"));
			q.result("{\"events\":[{\"event\":\"remove\",\"data\":{\"idx\":0}},"
					+ "{\"event\":\"add\",\"data\":{\"idx\":1,\"value\":\"c\"}}]}");
			assertThat(c.event()).isEqualTo(json("{\"event\":\"e2e.q?limit=2.remove\",\"data\":{\"idx\":0}}"));
			assertThat(c.event())
				.isEqualTo(json("{\"event\":\"e2e.q?limit=2.add\",\"data\":{\"idx\":1,\"value\":\"c\"}}"));
		}
		finally {
			queryService.close();
		}
	}

	@Test
	void cidTagIsReplacedTowardsServicesAndKeptTowardsTheClient() {
		WsTestClient c = connectLatest();
		long id = c.send("subscribe.e2e.user.{cid}", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.Request get = reqs.stream().filter(r -> r.subject().startsWith("get.")).findFirst().orElseThrow();
		ServiceStub.Request access = reqs.stream().filter(r -> r.subject().startsWith("access.")).findFirst().orElseThrow();
		String cid = access.payload().get("cid").asString();
		assertThat(get.subject()).isEqualTo("get.e2e.user." + cid);
		assertThat(access.subject()).isEqualTo("access.e2e.user." + cid);
		access.result("{\"get\":true}");
		get.result("{\"model\":{\"name\":\"x\"}}");
		assertThat(c.response(id).get("result")).isEqualTo(json("{\"models\":{\"e2e.user.{cid}\":{\"name\":\"x\"}}}"));
		service.publish("event.e2e.user." + cid + ".change", "{\"values\":{\"name\":\"y\"}}");
		assertThat(c.event().get("event").asString()).isEqualTo("e2e.user.{cid}.change");
	}

	@Test
	void requestWithoutResponderIsNotFoundAtOnce() {
		WsTestClient c = connectLatest();
		long start = System.nanoTime();
		JsonNode r = c.request("auth.nobody.login", null);
		assertThat(r.get("error").get("code").asString()).isEqualTo("system.notFound");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1000));
	}

	@Test
	void hugeFrameWithALongResourceIdIsAnsweredWithSubjectTooLong() {
		WsTestClient c = connectLatest();
		String rid = "e2e." + "x".repeat(100_000);
		assertThat(c.request("subscribe." + rid, null).get("error").get("code").asString())
			.isEqualTo("system.subjectTooLong");
		assertThat(c.request("version", null).has("result")).isTrue();
	}

	@Test
	void floodOfSubscribeRequestsIsServed() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.flood", "{\"model\":{\"a\":1}}");
		for (int i = 0; i < 500; i++) {
			c.send("subscribe.e2e.flood", null);
		}
		int errors = 0;
		for (int i = 0; i < 500; i++) {
			JsonNode r = c.next();
			if (r.has("error")) {
				errors++;
				assertThat(r.get("error").get("code").asString()).isEqualTo("system.subscriptionLimitExceeded");
			}
		}
		assertThat(errors).isEqualTo(245);
		service.assertNoRequest(Duration.ofMillis(100));
	}

	@Test
	void aBurstOfEventsNeverStopsTheGatewayNorDropsAClientThatReads() {
		WsTestClient c = connectLatest();
		subscribe(c, "e2e.burst", "{\"model\":{\"n\":0}}");
		int n = 20_000;
		for (int i = 1; i <= n; i++) {
			service.publish("event.e2e.burst.change", "{\"values\":{\"n\":" + i + "}}");
		}
		// The client gets the changes in order, every one of them or, if it fell behind, some conflated
		// into later ones; it is never closed and ends on the last value.
		int last = 0;
		while (last < n) {
			JsonNode ev = c.nextOrClosed();
			assertThat(ev).as("not closed after value " + last).isNotNull();
			int v = ev.get("data").get("values").get("n").asInt();
			assertThat(v).isGreaterThan(last);
			last = v;
		}
		WsTestClient c2 = connectLatest();
		long id = c2.send("subscribe.e2e.burst", null);
		service.next("access.e2e.burst").result("{\"get\":true}");
		assertThat(c2.response(id).get("result").get("models").get("e2e.burst").get("n").asInt()).isEqualTo(n);
	}

	@Test
	void releasedResourcesLeaveTheCache() {
		GatewayService gateway = app().context().getBean(GatewayService.class);
		java.util.Set<String> released = java.util.concurrent.ConcurrentHashMap.newKeySet();
		gateway.cache().addReleaseListener(released::add);
		WsTestClient c = connectLatest();
		long id = c.send("subscribe.e2e.release", null);
		List<ServiceStub.Request> reqs = service.nextParallel(2);
		ServiceStub.pick(reqs, "access.e2e.release").result("{\"get\":true}");
		ServiceStub.pick(reqs, "get.e2e.release").result("{\"model\":{\"child\":{\"rid\":\"e2e.release.child\"}}}");
		service.next("get.e2e.release.child").result("{\"model\":{}}");
		c.response(id);
		c.request("unsubscribe.e2e.release", null);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> released.containsAll(List.of("e2e.release", "e2e.release.child")));
	}

	@Test
	void compressionIsNotNegotiatedByDefault() throws Exception {
		String head = RawHandshake.upgrade(app().port(), "Sec-WebSocket-Extensions: permessage-deflate\r\n");
		assertThat(head).startsWith("HTTP/1.1 101");
		assertThat(head.toLowerCase()).doesNotContain("permessage-deflate");
	}
}
