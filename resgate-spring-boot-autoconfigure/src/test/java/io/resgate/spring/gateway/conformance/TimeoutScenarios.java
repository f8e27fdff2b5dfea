package io.resgate.spring.gateway.conformance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Request timeouts: a service that never answers gets the client {@code system.timeout} after
 * {@code resgate.request-timeout}; a pre-response ({@code timeout:"ms"}) extends the deadline; a
 * late reply after a timeout is dropped; the connection stays healthy.
 */
class TimeoutScenarios extends ConformanceTest {

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callTimesOut(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test.model.method");
		s.service().awaitRequest("access.test.model").accessGranted();
		ServiceRequest call = s.service().awaitRequest("call.test.model.method");
		req.response().assertErrorJson(Replies.TIMEOUT_ERROR);
		call.result("'late'");
		c.assertAlive();
		s.subscribe(c, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void preResponseExtendsTimeout(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test.model.method");
		s.service().awaitRequest("access.test.model").accessGranted();
		ServiceRequest call = s.service().awaitRequest("call.test.model.method");
		call.preResponse(10_000);
		// well past the 2500 ms request timeout, the request is still pending (the bound leaves a loaded machine
		// room to poll for 3.5 s and stays below the 10 s the pre-response asked for)
		org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(3500)).atMost(java.time.Duration.ofSeconds(8))
			.until(() -> !c.hasMessageWithId(req.id()));
		c.assertAlive();
		call.result("'slow'");
		req.response().assertResult("{'payload':'slow'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void preResponseWithShortTimeoutTimesOutEarly(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("auth.test.model.method");
		ServiceRequest auth = s.service().awaitRequest("auth.test.model.method");
		long start = System.nanoTime();
		auth.preResponse(200);
		req.response().assertErrorJson(Replies.TIMEOUT_ERROR);
		long millis = (System.nanoTime() - start) / 1_000_000;
		org.assertj.core.api.Assertions.assertThat(millis).isLessThan(2000);
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void preResponseOnGetExtendsTimeout(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		ServiceRequest get = s.service().awaitRequest("get.test.model");
		get.preResponse(8000);
		// past the 2500 ms request timeout, still pending (at most 6 s: below the 8 s the pre-response asked for,
		// with room for polling on a loaded machine)
		org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(3000)).atMost(java.time.Duration.ofSeconds(6))
			.until(() -> !c.hasMessageWithId(req.id()));
		get.resource("test.model");
		req.response().assertResources("test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void getTimeoutIsNotCached(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("subscribe.test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.service().awaitRequest("get.test.model");
		req.response().assertErrorJson(Replies.TIMEOUT_ERROR);
		s.subscribe(c, "test.model");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void garbageRepliesGiveInternalErrorAndConnectionStaysHealthy(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String[] garbage = { "\u0000\u0001garbage", "[]", "42", "-1", "\u00e9t\u00e9", "{\"result\":", "\"just a string\"", "{}" };
		for (String g : garbage) {
			TestClient.ClientRequest req = c.request("auth.test.model.method");
			s.service().awaitRequest("auth.test.model.method").respondRaw(g);
			req.response().assertError("system.internalError");
		}
		c.assertAlive();
		s.subscribe(c, "test.model");
	}

	/** A pre-response whose timeout is not a number is ignored: the request times out as it would have. */
	@ParameterizedTest
	@EnumSource(Transport.class)
	void invalidPreResponseIsIgnored(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("auth.test.model.method");
		ServiceRequest auth = s.service().awaitRequest("auth.test.model.method");
		auth.respondRaw("timeout:\"abc\"");
		auth.result("'fine'");
		req.response().assertResult("{'payload':'fine'}");
	}
}
