package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static io.resgate.spring.gateway.conformance.Replies.ACCESS_DENIED_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.INVALID_PARAMS_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.NO_REQUEST;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT;
import static io.resgate.spring.gateway.conformance.Replies.TIMEOUT_ERROR;
import static io.resgate.spring.gateway.conformance.Replies.error;
import static io.resgate.spring.gateway.conformance.Replies.result;

/**
 * The deprecated client new request: access with the {@code new} method, a {@code call.<rid>.new}
 * request, and the returned resource subscribed and sent as a resource set.
 */
class NewScenarios extends ConformanceTest {

	static Stream<Arguments> newTable() {
		String model = Resources.data("test.model");
		String params = "{'value':42}";
		String callResponse = result("{'rid':'test.model'}");
		String modelGet = result("{'model':" + model + "}");
		String modelResult = "{'rid':'test.model','models':{'test.model':" + model + "}}";
		String full = result("{'get':true,'call':'*'}");
		String ie = "code:system.internalError";
		Object[][] rows = {
				{ params, full, callResponse, modelGet, full, modelResult },
				{ null, full, callResponse, modelGet, full, modelResult },
				{ params, result("{'get':true,'call':'new'}"), callResponse, modelGet, full, modelResult },
				{ params, result("{'get':true,'call':'foo,new'}"), callResponse, modelGet, full, modelResult },
				{ params, result("{'get':true,'call':'foo,bar'}"), NO_REQUEST, NO_REQUEST, NO_REQUEST, "error:" + ACCESS_DENIED_ERROR },
				{ params, result("{'get':true}"), NO_REQUEST, NO_REQUEST, NO_REQUEST, "error:" + ACCESS_DENIED_ERROR },
				{ params, TIMEOUT, NO_REQUEST, NO_REQUEST, NO_REQUEST, "error:" + TIMEOUT_ERROR },
				{ params, full, error(INVALID_PARAMS_ERROR), NO_REQUEST, NO_REQUEST, "error:" + INVALID_PARAMS_ERROR },
				{ params, full, TIMEOUT, NO_REQUEST, NO_REQUEST, "error:" + TIMEOUT_ERROR },
				{ params, full, callResponse, error(INVALID_PARAMS_ERROR), full,
						"{'rid':'test.model','errors':{'test.model':" + INVALID_PARAMS_ERROR + "}}" },
				{ params, full, callResponse, TIMEOUT, full, "{'rid':'test.model','errors':{'test.model':" + TIMEOUT_ERROR + "}}" },
				{ params, full, callResponse, modelGet, result("{'get':false}"),
						"{'rid':'test.model','errors':{'test.model':" + ACCESS_DENIED_ERROR + "}}" },
				{ params, full, callResponse, modelGet, error(INVALID_PARAMS_ERROR),
						"{'rid':'test.model','errors':{'test.model':" + INVALID_PARAMS_ERROR + "}}" },
				{ params, full, callResponse, modelGet, error(ACCESS_DENIED_ERROR),
						"{'rid':'test.model','errors':{'test.model':" + ACCESS_DENIED_ERROR + "}}" },
				{ params, full, callResponse, modelGet, TIMEOUT, "{'rid':'test.model','errors':{'test.model':" + TIMEOUT_ERROR + "}}" },
				{ null, full, "{\"broken\":JSON}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "42", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"result\":{\"foo\":\"bar\"},\"error\":{\"code\":\"system.custom\",\"message\":\"Custom\"}}", NO_REQUEST,
						NO_REQUEST, "code:system.custom" },
				{ null, full, result("{}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, result("{'rid':''}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, result("{'rid':'?q=foo'}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"result\":{\"rid\":\"test\\tmodel\"}}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"result\":{\"rid\":\"test\\nmodel\"}}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"result\":{\"rid\":\"test\\rmodel\"}}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, result("{'rid':'test model'}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"result\":{\"rid\":\"test\\ufffdmodel\"}}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, result("{'rid':42}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, result("{'rid':'test.model','foo':42}"), NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"error\":[]}", NO_REQUEST, NO_REQUEST, ie },
				{ null, full, "{\"error\":{\"message\":\"missing code\"}}", NO_REQUEST, NO_REQUEST, "code:" },
				{ null, full, "{\"error\":{\"code\":12,\"message\":\"integer code\"}}", NO_REQUEST, NO_REQUEST, ie } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			Object[] r = rows[i];
			boolean timeout = Replies.isTimeout((String) r[1], (String) r[2], (String) r[3], (String) r[4]);
			for (Transport t : Transport.values()) {
				if (timeout && t != Transport.NATS) {
					continue;
				}
				out.add(Arguments.of(t, i + 1, r[0], r[1], r[2], r[3], r[4], r[5]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}")
	@MethodSource("newTable")
	void newOnResource(Transport transport, int row, String params, String callAccess, String call, String get,
			String modelAccess, String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request("new.test.collection", params);
		ServiceRequest access = s.service().awaitRequest("access.test.collection");
		access.assertPathMissing("isHttp");
		Replies.answer(access, callAccess);
		if (!NO_REQUEST.equals(call)) {
			ServiceRequest callReq = s.service().awaitRequest("call.test.collection.new");
			if (params == null) {
				callReq.assertPathNullOrMissing("params");
			}
			else {
				callReq.assertPath("params", params);
			}
			callReq.assertPathMissing("isHttp");
			Replies.answer(callReq, call);
		}
		if (!NO_REQUEST.equals(get)) {
			ServiceRequest getReq = s.service().awaitRequest("get.test.model");
			ServiceRequest accessReq = s.service().awaitRequest("access.test.model");
			Replies.answer(getReq, get);
			Replies.answer(accessReq, modelAccess);
		}
		Replies.assertResponse(req.response(), expected);
		s.service().assertNoRequest();
		c.assertNoMessage();
	}
}
