package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import static io.resgate.spring.gateway.conformance.Replies.ACCESS_DENIED_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.INTERNAL_ERROR_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.INVALID_PARAMS_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.NO_REQUEST;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.error;
import static io.resgate.spring.gateway.conformance.Replies.result;

/**
 * Client call requests: access checked first (and reused while subscribed), the call request with
 * cid, token and params, results wrapped in {@code payload}, resource responses subscribed and sent
 * as a resource set, and every broken reply turned into the right error.
 */
class CallScenarios extends ConformanceTest {

	static final String FULL = result("{'get':true,'call':'*'}");

	static final String METHOD = result("{'get':true,'call':'method'}");

	static final String MULTI = result("{'get':true,'call':'foo,method'}");

	static final String MISSING = result("{'get':true,'call':'foo,bar'}");

	static final String NO_CALL = result("{'get':true}");

	static final String SUCCESS = result("{'foo':'bar'}");

	static final String SUCCESS_RESULT = "{'payload':{'foo':'bar'}}";

	static final String PARAMS = "{'value':42}";

	static Stream<Arguments> callTable() {
		Object[][] rows = {
				{ true, null, FULL, SUCCESS, SUCCESS_RESULT },
				{ false, null, FULL, SUCCESS, SUCCESS_RESULT },
				{ true, PARAMS, FULL, SUCCESS, SUCCESS_RESULT },
				{ false, PARAMS, FULL, SUCCESS, SUCCESS_RESULT },
				{ true, null, METHOD, SUCCESS, SUCCESS_RESULT },
				{ false, null, METHOD, SUCCESS, SUCCESS_RESULT },
				{ true, null, MULTI, SUCCESS, SUCCESS_RESULT },
				{ false, null, MULTI, SUCCESS, SUCCESS_RESULT },
				{ false, null, MISSING, NO_REQUEST, "error:" + ACCESS_DENIED_ERROR },
				{ false, null, NO_CALL, NO_REQUEST, "error:" + ACCESS_DENIED_ERROR },
				{ false, null, TIMEOUT, NO_REQUEST, "error:" + TIMEOUT_ERROR },
				{ true, null, FULL, error(INVALID_PARAMS_ERROR), "error:" + INVALID_PARAMS_ERROR },
				{ false, null, FULL, error(INVALID_PARAMS_ERROR), "error:" + INVALID_PARAMS_ERROR },
				{ true, null, FULL, result("null"), "{'payload':null}" },
				{ false, null, FULL, result("null"), "{'payload':null}" },
				{ true, null, FULL, result("42"), "{'payload':42}" },
				{ false, null, FULL, result("42"), "{'payload':42}" },
				{ false, null, result("{'get':'invalid'}"), NO_REQUEST, "code:system.internalError" },
				{ false, null, "{\"broken\":JSON}", NO_REQUEST, "code:system.internalError" },
				{ false, null, METHOD, "{\"broken\":JSON}", "code:system.internalError" },
				{ false, null, METHOD, "{}", "code:system.internalError" },
				{ false, null, "\r\n\t {\"result\":{\"get\":\r\n\t true,\"call\":\"*\"}}\r\n\t ", SUCCESS, SUCCESS_RESULT },
				{ true, null, METHOD, "{\"result\":{\"foo\":\"bar\"},\"error\":{\"code\":\"system.custom\",\"message\":\"Custom\"}}", "code:system.custom" },
				{ false, null, METHOD, "{\"result\":{\"foo\":\"bar\"},\"error\":{\"code\":\"system.custom\",\"message\":\"Custom\"}}", "code:system.custom" },
				{ true, null, FULL, "{\"error\":[]}", "code:system.internalError" },
				{ false, null, FULL, "{\"error\":[]}", "code:system.internalError" },
				{ true, null, FULL, "{\"error\":{\"message\":\"missing code\"}}", "code:" },
				{ false, null, FULL, "{\"error\":{\"message\":\"missing code\"}}", "code:" },
				{ true, null, FULL, "{\"error\":{\"code\":12,\"message\":\"integer code\"}}", "code:system.internalError" },
				{ false, null, FULL, "{\"error\":{\"code\":12,\"message\":\"integer code\"}}", "code:system.internalError" },
				{ true, null, FULL, "{\"resource\":\"test.model\"}", "code:system.internalError" },
				{ false, null, FULL, "{\"resource\":\"test.model\"}", "code:system.internalError" },
				{ true, null, FULL, "{\"resource\":{}}", "code:system.internalError" },
				{ false, null, FULL, "{\"resource\":{}}", "code:system.internalError" },
				{ true, null, FULL, "{\"resource\":{\"rid\":42}}", "code:system.internalError" },
				{ false, null, FULL, "{\"resource\":{\"rid\":42}}", "code:system.internalError" },
				{ true, null, FULL, "{\"resource\":{\"rid\":\"test..model\"}}", "code:system.internalError" },
				{ false, null, FULL, "{\"resource\":{\"rid\":\"test..model\"}}", "code:system.internalError" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			Object[] r = rows[i];
			for (Transport t : Transport.values()) {
				if (Replies.isTimeout((String) r[2], (String) r[3]) && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, i + 1, r[0], r[1], r[2], r[3], r[4]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}: subscribed {2}, params {3}, access {4}, call {5} -> {6}")
	@MethodSource("callTable")
	void callOnResource(Transport transport, int row, boolean subscribe, String params, String access, String call,
			String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		if (subscribe) {
			TestClient.ClientRequest sub = c.request("subscribe.test.model");
			ServiceRequest accessReq = s.service().awaitRequest("access.test.model");
			accessReq.assertPathMissing("isHttp");
			Replies.answer(accessReq, access);
			s.service().awaitRequest("get.test.model").resource("test.model");
			sub.response();
		}
		TestClient.ClientRequest req = c.request("call.test.model.method", params);
		if (!subscribe) {
			Replies.answer(s.service().awaitRequest("access.test.model"), access);
		}
		if (NO_REQUEST.equals(call)) {
			Replies.assertResponse(req.response(), expected);
			s.service().assertNoRequest();
		}
		else {
			ServiceRequest callReq = s.service().awaitRequest("call.test.model.method");
			callReq.cid();
			callReq.assertPath("token", "null");
			if (params == null) {
				callReq.assertPathNullOrMissing("params");
			}
			else {
				callReq.assertPath("params", params);
			}
			callReq.assertPathMissing("isHttp");
			Replies.answer(callReq, call);
			Replies.assertResponse(req.response(), expected);
		}
		c.assertNoMessage();
	}

	static Stream<Arguments> resourceResponseTable() {
		String model = Resources.data("test.model");
		String modelGet = result("{'model':" + model + "}");
		String customError = "{'code':'custom.error','message':'Custom error'}";
		Object[][] rows = {
				{ modelGet, result("{'get':true}"), "{'rid':'test.model','models':{'test.model':" + model + "}}" },
				{ error(customError), result("{'get':true}"), "{'rid':'test.model','errors':{'test.model':" + customError + "}}" },
				{ TIMEOUT, result("{'get':true}"), "{'rid':'test.model','errors':{'test.model':" + TIMEOUT_ERROR + "}}" },
				{ modelGet, result("{'get':false}"), "{'rid':'test.model','errors':{'test.model':" + ACCESS_DENIED_ERROR + "}}" },
				{ modelGet, error(customError), "{'rid':'test.model','errors':{'test.model':" + customError + "}}" },
				{ modelGet, error(ACCESS_DENIED_ERROR), "{'rid':'test.model','errors':{'test.model':" + ACCESS_DENIED_ERROR + "}}" },
				{ modelGet, TIMEOUT, "{'rid':'test.model','errors':{'test.model':" + TIMEOUT_ERROR + "}}" },
				{ error(INVALID_PARAMS_ERROR), result("{'get':true}"), "{'rid':'test.model','errors':{'test.model':" + INVALID_PARAMS_ERROR + "}}" },
				{ modelGet, error(INVALID_PARAMS_ERROR), "{'rid':'test.model','errors':{'test.model':" + INVALID_PARAMS_ERROR + "}}" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			Object[] r = rows[i];
			for (Transport t : Transport.values()) {
				if (Replies.isTimeout((String) r[0], (String) r[1]) && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, i + 1, r[0], r[1], r[2]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}: get {2}, access {3} -> {4}")
	@MethodSource("resourceResponseTable")
	void callWithResourceResponse(Transport transport, int row, String get, String access, String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test.collection.create", PARAMS);
		s.service().awaitRequest("access.test.collection").accessGranted();
		s.service().awaitRequest("call.test.collection.create").assertPath("params", PARAMS).resourceResponse("test.model");
		ServiceRequest getReq = s.service().awaitRequest("get.test.model");
		ServiceRequest accessReq = s.service().awaitRequest("access.test.model");
		Replies.answer(getReq, get);
		Replies.answer(accessReq, access);
		req.response().assertResult(expected);
		c.assertNoMessage();
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callWithResourceResponseSubscribesTheResource(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test.collection.create", PARAMS);
		s.service().awaitRequest("access.test.collection").accessGranted();
		s.service().awaitRequest("call.test.collection.create").resourceResponse("test.model.parent");
		s.service().awaitRequest("access.test.model.parent").access(true, null);
		s.serveGets("test.model.parent", "test.model");
		req.response().assertResult("{'rid':'test.model.parent','models':{'test.model.parent':" + Resources.data("test.model.parent")
				+ ",'test.model':" + Resources.data("test.model") + "}}");
		s.service().event("test.model", "custom", "{'foo':'bar'}");
		c.assertEvent("test.model.custom", "{'foo':'bar'}");
		s.service().change("test.model.parent", "{'name':'changed'}");
		c.assertEvent("test.model.parent.change", "{'values':{'name':'changed'}}");
		c.request("unsubscribe.test.model.parent").response().assertResult("null");
		c.assertNoMessage();
	}

	static Stream<Arguments> afterAccessErrorTable() {
		// first access, first call expected, first expected, second access, second call expected, second expected
		Object[][] rows = {
				{ FULL, true, SUCCESS_RESULT, NO_REQUEST, true, SUCCESS_RESULT },
				{ NO_CALL, false, "error:" + ACCESS_DENIED_ERROR, NO_REQUEST, false, "error:" + ACCESS_DENIED_ERROR },
				{ error(ACCESS_DENIED_ERROR), false, "error:" + ACCESS_DENIED_ERROR, NO_REQUEST, false, "error:" + ACCESS_DENIED_ERROR },
				{ TIMEOUT, false, "error:" + TIMEOUT_ERROR, FULL, true, SUCCESS_RESULT },
				{ TIMEOUT, false, "error:" + TIMEOUT_ERROR, error(ACCESS_DENIED_ERROR), false, "error:" + ACCESS_DENIED_ERROR },
				{ error(INTERNAL_ERROR_ERROR), false, "error:" + INTERNAL_ERROR_ERROR, FULL, true, SUCCESS_RESULT },
				{ error(INTERNAL_ERROR_ERROR), false, "error:" + INTERNAL_ERROR_ERROR, TIMEOUT, false, "error:" + TIMEOUT_ERROR },
				{ error(INTERNAL_ERROR_ERROR), false, "error:" + INTERNAL_ERROR_ERROR, error(ACCESS_DENIED_ERROR), false,
						"error:" + ACCESS_DENIED_ERROR } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			Object[] r = rows[i];
			for (Transport t : Transport.values()) {
				if (Replies.isTimeout((String) r[0], (String) r[3]) && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, i + 1, r[0], r[1], r[2], r[3], r[4], r[5]));
			}
		}
		return out.stream();
	}

	/** While subscribed, the access result of a call is cached when it succeeds (or is denied), not when it fails. */
	@ParameterizedTest(name = "[{index}] {0} row {1}")
	@MethodSource("afterAccessErrorTable")
	void callAfterAccessError(Transport transport, int row, String access1, boolean call1, String expected1, String access2,
			boolean call2, String expected2) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest sub = c.request("subscribe.test.model.parent");
		s.service().awaitRequest("access.test.model.parent").accessGranted();
		s.serveGets("test.model.parent", "test.model");
		sub.response();
		String[][] rounds = { { access1, String.valueOf(call1), expected1 }, { access2, String.valueOf(call2), expected2 } };
		for (String[] round : rounds) {
			TestClient.ClientRequest req = c.request("call.test.model.method", PARAMS);
			if (!NO_REQUEST.equals(round[0])) {
				Replies.answer(s.service().awaitRequest("access.test.model"), round[0]);
			}
			if (Boolean.parseBoolean(round[1])) {
				s.service().awaitRequest("call.test.model.method").respondRaw(SUCCESS);
			}
			Replies.assertResponse(req.response(), round[2]);
			s.service().assertNoRequest();
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callWithCidPlaceholderReplacesCid(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		String cid = s.cid(c);
		TestClient.ClientRequest req = c.request("call.test.{cid}.model.method", "{'foo':'bar'}");
		s.service().awaitRequest("access.test." + cid + ".model").accessGranted();
		s.service().awaitRequest("call.test." + cid + ".model.method").assertPath("params", "{'foo':'bar'}").result("'zoo'");
		req.response().assertResult("{'payload':'zoo'}");
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void callOnQueryResourcePutsMethodAfterQuery(Transport transport) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test.model?q=foo&f=bar.method", "{'a':1}");
		s.service().awaitRequest("access.test.model").assertPath("query", "'q=foo&f=bar'").accessGranted();
		s.service().awaitRequest("call.test.model.method").assertPath("query", "'q=foo&f=bar'").assertPath("params", "{'a':1}")
			.result("true");
		req.response().assertResult("{'payload':true}");
	}

	@Test
	void callWithLongMethodIsSubjectTooLong() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("call.test." + "a".repeat(10000));
		s.service().awaitRequest("access.test").accessGranted();
		req.response().assertError("system.subjectTooLong");
		c.assertNoMessage();
	}

	@Test
	void callWithLongResourceIdIsSubjectTooLong() {
		Scenario s = scenario(Transport.NATS);
		TestClient c = s.connect();
		c.request("call.test." + "a".repeat(10000) + ".method").response().assertError("system.subjectTooLong");
		s.service().assertNoRequest();
		c.assertNoMessage();
	}

	static Stream<Arguments> legacyTable() {
		Object[][] rows = {
				{ result("{'foo':'bar'}"), "{'foo':'bar'}" },
				{ result("{'rid':'test.model'}"), "{'rid':'test.model'}" },
				{ result("null"), "null" },
				{ "{\"resource\":{\"rid\":\"test.model\"}}", "{'rid':'test.model'}" },
				{ "{\"resource\":\"test.model\"}", "code:system.internalError" },
				{ "{\"resource\":{}}", "code:system.internalError" },
				{ "{\"resource\":{\"rid\":42}}", "code:system.internalError" },
				{ "{\"resource\":{\"rid\":\"test..model\"}}", "code:system.internalError" } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1]));
			}
		}
		return out.stream();
	}

	/** A client that sent no version request gets call results as they are, not wrapped in payload. */
	@ParameterizedTest(name = "[{index}] {0} row {1}: {2} -> {3}")
	@MethodSource("legacyTable")
	void legacyCallOnResource(Transport transport, int row, String call, String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connectLegacy();
		TestClient.ClientRequest req = c.request("call.test.model.method", PARAMS);
		s.service().awaitRequest("access.test.model").accessGranted();
		Replies.answer(s.service().awaitRequest("call.test.model.method").assertPath("params", PARAMS), call);
		Replies.assertResponse(req.response(), expected);
	}
}
