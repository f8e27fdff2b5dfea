package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.resgate.spring.gateway.conformance.Replies.INVALID_PARAMS_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.error;
import static io.resgate.spring.gateway.conformance.Replies.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client auth requests: sent without an access check, carrying cid, token, the connection's HTTP
 * header, host, remote address and URI; results wrapped in payload; broken replies turned into
 * errors.
 */
class AuthScenarios extends ConformanceTest {

	static Stream<Arguments> authTable() {
		String params = "{'value':42}";
		Object[][] rows = {
				{ null, result("{'foo':'bar'}"), "{'payload':{'foo':'bar'}}" },
				{ null, error(INVALID_PARAMS_ERROR), "error:" + INVALID_PARAMS_ERROR },
				{ null, result("null"), "{'payload':null}" },
				{ null, TIMEOUT, "error:" + TIMEOUT_ERROR },
				{ params, result("{'foo':'bar'}"), "{'payload':{'foo':'bar'}}" },
				{ null, "{\"broken\":JSON}", "code:system.internalError" },
				{ null, "{}", "code:system.internalError" },
				{ null, "{\"result\":{\"foo\":\"bar\"},\"error\":{\"code\":\"system.custom\",\"message\":\"Custom\"}}", "code:system.custom" },
				{ null, "{\"error\":[]}", "code:system.internalError" },
				{ null, "{\"error\":{\"message\":\"missing code\"}}", "code:" },
				{ null, "{\"error\":{\"code\":12,\"message\":\"integer code\"}}", "code:system.internalError" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				if (Replies.isTimeout((String) rows[i][1]) && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1], rows[i][2]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}: params {2}, auth {3} -> {4}")
	@MethodSource("authTable")
	void authOnResource(Transport transport, int row, String params, String auth, String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("auth.test.model.method", params);
		ServiceRequest authReq = s.service().awaitRequest("auth.test.model.method");
		authReq.cid();
		authReq.assertPath("token", "null");
		assertThat(authReq.path("header")).as("header").isNotNull();
		assertThat(authReq.path("header").isObject()).as("header is an object").isTrue();
		assertThat(authReq.path("host").isString()).as("host").isTrue();
		assertThat(authReq.path("uri").isString()).as("uri").isTrue();
		if (params == null) {
			authReq.assertPathNullOrMissing("params");
		}
		else {
			authReq.assertPath("params", params);
		}
		authReq.assertPathMissing("isHttp");
		Replies.answer(authReq, auth);
		Replies.assertResponse(req.response(), expected);
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void authCarriesTheUpgradeRequestsHeaders(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connectWithHeaders(java.util.Map.of("X-Custom", "foo"));
		c.request("version", "{'protocol':'1.2.3'}").response().assertResult("{'protocol':'1.2.3'}");
		TestClient.ClientRequest req = c.request("auth.test.model.login", "{'user':'x'}");
		ServiceRequest authReq = s.service().awaitRequest("auth.test.model.login");
		assertThat(authReq.path("header").path("X-Custom").get(0).asString()).isEqualTo("foo");
		assertThat(authReq.path("host").asString()).startsWith("127.0.0.1");
		assertThat(authReq.path("uri").asString()).startsWith("/");
		assertThat(authReq.path("remoteAddr").asString()).contains("127.0.0.1");
		authReq.result("{'ok':true}");
		req.response().assertResult("{'payload':{'ok':true}}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void authWithCidPlaceholderReplacesCid(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.cid(c);
		TestClient.ClientRequest req = c.request("auth.test.{cid}.model.method", "{'foo':'bar'}");
		s.service().awaitRequest("auth.test." + cid + ".model.method").assertPath("params", "{'foo':'bar'}").result("'zoo'");
		req.response().assertResult("{'payload':'zoo'}");
	}

	@Test
	void authWithLongMethodIsSubjectTooLong() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.request("auth.test." + "a".repeat(10000)).response().assertError("system.subjectTooLong");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@Test
	void authWithLongResourceIdIsSubjectTooLong() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.request("auth.test." + "a".repeat(10000) + ".method").response().assertError("system.subjectTooLong");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void authWithResourceResponseSubscribesIt(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("auth.test.login", "{'user':'x'}");
		s.service().awaitRequest("auth.test.login").resourceResponse("test.model");
		s.service().awaitRequest("access.test.model").access(true, null);
		s.serveGets("test.model");
		req.response().assertResult("{'rid':'test.model','models':{'test.model':" + Resources.data("test.model") + "}}");
		s.service().change("test.model", "{'string':'bar'}");
		c.assertEvent("test.model.change", "{'values':{'string':'bar'}}");
	}
}
