package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input from clients: invalid methods and resource IDs get {@code system.invalidRequest}
 * without any service request; frames that are not JSON requests are ignored; huge frames and
 * floods of requests are survived; the connection stays open and healthy throughout.
 */
class InvalidRequestScenarios extends ConformanceTest {

	static Stream<Arguments> invalidMethods() {
		String[] methods = { "", "test", "new", "unknown.test", "call.test", "call.test.methöd", "call.test?foo", "call.test.method?foo",
				"auth.test", "subscribe..test.model", "subscribe.test..model", "subscribe.test.model.", ".subscribe.test.model",
				"subscribe?foo=bar", "subscribe.test\tmodel", "subscribe.test\nmodel", "subscribe.test\rmodel", "subscribe.test model",
				"subscribe.test\ufffdmodel", "subscribe.täst.model", "subscribe.test.*.model", "subscribe.test.>.model",
				"subscribe.test.model.>", "get.", "get", "subscribe", "unsubscribe", "call", "auth", "SUBSCRIBE.test.model",
				"call.test.model.meth od" };
		List<Arguments> out = new ArrayList<>();
		for (String m : methods) {
			out.add(Arguments.of(m));
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] method \"{0}\"")
	@MethodSource("invalidMethods")
	void invalidMethodIsInvalidRequest(String method) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.request(method).response().assertErrorJson("{'code':'system.invalidRequest','message':'Invalid request'}");
		s.service().assertNoRequest();
		c.assertAlive();
	}

	static Stream<Arguments> ignoredFrames() {
		return Stream.of("not json", "{", "[]", "[{\"id\":1,\"method\":\"version\"}]", "42", "\"text\"", "null", "{\"method\":\"version\"}",
				"{\"id\":null,\"method\":\"version\"}", "{}", "{\"id\":1,\"method\":\"version\"", "\u0000\u0001\u0002",
				"{\"id\":\"abc\",\"method\":\"version\"}", "{\"id\":1.5,\"method\":\"version\"}", "{\"id\":-1,\"method\":\"version\"}",
				"{\"id\":2,\"method\":42}", "{\"id\":4,\"method\":[\"subscribe\"]}", "{\"id\":5,\"method\":{\"a\":1}}",
				"{\"id\":6,\"method\":\"version\",\"params\":}")
			.map(Arguments::of);
	}

	/**
	 * A frame that is not a JSON request object with a numeric id and a string method cannot be
	 * answered (Resgate decodes it as a whole and drops it): it is ignored and the connection stays open.
	 */
	@ParameterizedTest(name = "[{index}] frame {0}")
	@MethodSource("ignoredFrames")
	void malformedFrameIsIgnored(String frame) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.sendRaw(frame);
		c.assertNoMessage();
		s.service().assertNoRequest();
		s.subscribe(c, "test.model");
	}

	static Stream<Arguments> invalidRequestObjects() {
		return Stream.of("{\"id\":1}", "{\"id\":3,\"method\":null}", "{\"id\":7,\"method\":\"\"}").map(Arguments::of);
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("invalidRequestObjects")
	void requestWithoutValidMethodIsInvalidRequest(String frame) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.sendRaw(frame);
		tools.jackson.databind.JsonNode msg = c.nextMessageWithId(Json.received(frame).get("id").asInt());
		org.assertj.core.api.Assertions.assertThat(msg.path("error").path("code").asString()).isEqualTo("system.invalidRequest");
		s.service().assertNoRequest();
		c.assertAlive();
	}

	@Test
	void hugeFrameIsSurvived() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		String big = "x".repeat(4 * 1024 * 1024);
		try {
			c.sendRaw("{\"id\":99,\"method\":\"call.test.model.method\",\"params\":{\"big\":\"" + big + "\"}}");
		}
		catch (IllegalStateException ex) {
			// the gateway may refuse the frame by closing the connection while it is sent
		}
		// refused (the connection closed, 1009 "message too big") or taken (answered, at the latest by a timeout)
		org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(8))
			.until(() -> c.isClosed() || c.hasMessageWithId(99) || s.service().hasPendingRequest());
		if (!c.isClosed()) {
			c.assertAliveIgnoring(99);
		}
		// the gateway keeps serving
		s.subscribe(s.connect(), "test.model");
	}

	@Test
	void hugeMethodIsAnswered() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test." + "m".repeat(200_000));
		ClientResponse resp = req.response();
		org.assertj.core.api.Assertions.assertThat(resp.error().path("code").asString()).isIn("system.subjectTooLong",
				"system.invalidRequest");
		c.assertAlive();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void floodOfSubscribesIsServed(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		int n = 300;
		List<TestClient.ClientRequest> reqs = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			reqs.add(c.request("subscribe.test.flood." + i));
		}
		for (int i = 0; i < 2 * n; i++) {
			ServiceRequest r = s.service().nextRequest();
			if (r.subject().startsWith(s.n("access."))) {
				r.access(true, null);
			}
			else {
				r.model("{'n':" + r.subject().substring(r.subject().lastIndexOf('.') + 1) + "}");
			}
		}
		for (int i = 0; i < n; i++) {
			reqs.get(i).response().assertResult("{'models':{'test.flood." + i + "':{'n':" + i + "}}}");
		}
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void floodOfInvalidRequestsIsAnswered(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		List<TestClient.ClientRequest> reqs = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			reqs.add(c.request("subscribe.test..bad" + i));
		}
		for (TestClient.ClientRequest r : reqs) {
			r.response().assertError("system.invalidRequest");
		}
		c.assertAlive();
	}

	@ParameterizedTest
	@ValueSource(strings = { "call", "auth" })
	void paramsOfAnyJsonTypeArePassedOn(String type) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		for (String params : new String[] { "42", "'text'", "[1,2]", "true", "{'deep':{'a':[null]}}" }) {
			TestClient.ClientRequest req = c.request(type + ".test.model.method", params);
			if (type.equals("call")) {
				ServiceRequest access = s.service().awaitRequest("access.test.model");
				access.accessGranted();
			}
			s.service().awaitRequest(type + ".test.model.method").assertPath("params", params).result("null");
			req.response().assertResult("{'payload':null}");
			if (type.equals("call")) {
				break;
			}
		}
	}

	/**
	 * Params nested 1,000 levels deep (beyond the JSON parser's default limit of 500) are passed on
	 * to the service as they were sent, as Resgate does.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "call", "auth" })
	void deepParamsArePassedOn(String type) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		String params = "{\"deep\":" + "[".repeat(1000) + "{\"a\":\"\\u00e9\"}" + "]".repeat(1000) + "}";
		c.sendRaw("{\"id\":42,\"method\":\"" + s.n(type + ".test.model.method") + "\",\"params\":" + params + "}");
		if (type.equals("call")) {
			s.service().awaitRequest("access.test.model").accessGranted();
		}
		ServiceRequest req = s.service().awaitRequest(type + ".test.model.method");
		org.assertj.core.api.Assertions.assertThat(Json.utf8(req.raw())).contains("\"params\":" + params + ",");
		req.result("{'ok':true}");
		Json.assertJsonEquals(c.nextMessageWithId(42), Json.expected("{'result':{'payload':{'ok':true}},'id':42}"),
				"response");
		c.assertAlive();
	}

	/**
	 * A request nested deeper than 10,000 levels (Resgate's JSON decoder refuses those) is answered
	 * with {@code system.invalidRequest}, wherever its id is; no service is asked.
	 */
	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void requestNestedTooDeepIsInvalidRequest(boolean idFirst) {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		String deep = "[".repeat(20_000) + "]".repeat(20_000);
		String method = "\"method\":\"" + s.n("call.test.model.method") + "\",\"params\":" + deep;
		c.sendRaw(idFirst ? "{\"id\":43," + method + "}" : "{" + method + ",\"id\":43}");
		tools.jackson.databind.JsonNode msg = c.nextMessageWithId(43);
		org.assertj.core.api.Assertions.assertThat(msg.path("error").path("code").asString())
			.isEqualTo("system.invalidRequest");
		s.service().assertNoRequest();
		c.assertAlive();
	}
}
