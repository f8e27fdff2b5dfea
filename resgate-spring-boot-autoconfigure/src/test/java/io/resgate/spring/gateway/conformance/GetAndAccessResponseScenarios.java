package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of get response and access response for a client get or subscribe: the
 * access denial wins over a get error, access errors are passed on, broken or invalid responses
 * become {@code system.internalError}, an error without a code is passed on with code {@code ""},
 * and timeouts become {@code system.timeout}.
 */
class GetAndAccessResponseScenarios extends ConformanceTest {

	static final String TIMEOUT = "TIMEOUT";

	static final String MODEL = Resources.data("test.model");

	static final String MODEL_GET = result("{'model':" + MODEL + "}");

	static final String BROKEN_MODEL = result("{'foo':'bar'}");

	static final String FULL_ACCESS = result("{'get':true}");

	static final String NO_ACCESS = result("{'get':false}");

	static final String BROKEN_ACCESS = result("{'get':'foo'}");

	static final String NOT_FOUND = error("system.notFound", "Not found");

	static final String INTERNAL_ERROR = error("system.internalError", "Internal error");

	static final String ACCESS_DENIED = error("system.accessDenied", "Access denied");

	static final String TIMEOUT_ERROR = "{'code':'system.timeout','message':'Request timeout'}";

	static final String MODEL_RESULT = "{'models':{'test.resource':" + MODEL + "}}";

	static String result(String json) {
		return "{\"result\":" + json.replace('\'', '"') + "}";
	}

	static String error(String code, String message) {
		return "{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}}";
	}

	static String errorObject(String response) {
		return response.substring("{\"error\":".length(), response.length() - 1);
	}

	/** get response, access response, expected: a result, an error object, or "code:<code>". */
	static List<String[]> table() {
		return List.of(
				row(MODEL_GET, FULL_ACCESS, MODEL_RESULT),
				row(MODEL_GET, NO_ACCESS, errorObject(ACCESS_DENIED)),
				row(MODEL_GET, ACCESS_DENIED, errorObject(ACCESS_DENIED)),
				row(MODEL_GET, INTERNAL_ERROR, errorObject(INTERNAL_ERROR)),
				row(MODEL_GET, TIMEOUT, TIMEOUT_ERROR),
				row(MODEL_GET, BROKEN_ACCESS, "code:system.internalError"),
				row(NOT_FOUND, FULL_ACCESS, errorObject(NOT_FOUND)),
				row(NOT_FOUND, NO_ACCESS, errorObject(ACCESS_DENIED)),
				row(NOT_FOUND, ACCESS_DENIED, errorObject(ACCESS_DENIED)),
				row(NOT_FOUND, INTERNAL_ERROR, errorObject(INTERNAL_ERROR)),
				row(NOT_FOUND, TIMEOUT, TIMEOUT_ERROR),
				row(NOT_FOUND, BROKEN_ACCESS, "code:system.internalError"),
				row(INTERNAL_ERROR, FULL_ACCESS, errorObject(INTERNAL_ERROR)),
				row(INTERNAL_ERROR, NO_ACCESS, errorObject(ACCESS_DENIED)),
				row(INTERNAL_ERROR, ACCESS_DENIED, errorObject(ACCESS_DENIED)),
				row(INTERNAL_ERROR, TIMEOUT, TIMEOUT_ERROR),
				row(INTERNAL_ERROR, BROKEN_ACCESS, "code:system.internalError"),
				row(TIMEOUT, FULL_ACCESS, TIMEOUT_ERROR),
				row(TIMEOUT, NO_ACCESS, errorObject(ACCESS_DENIED)),
				row(TIMEOUT, ACCESS_DENIED, errorObject(ACCESS_DENIED)),
				row(TIMEOUT, INTERNAL_ERROR, errorObject(INTERNAL_ERROR)),
				row(TIMEOUT, TIMEOUT, TIMEOUT_ERROR),
				row(TIMEOUT, BROKEN_ACCESS, "code:system.internalError"),
				row(BROKEN_MODEL, FULL_ACCESS, "code:system.internalError"),
				row(BROKEN_MODEL, NO_ACCESS, errorObject(ACCESS_DENIED)),
				row(BROKEN_MODEL, ACCESS_DENIED, errorObject(ACCESS_DENIED)),
				row(BROKEN_MODEL, INTERNAL_ERROR, errorObject(INTERNAL_ERROR)),
				row(BROKEN_MODEL, TIMEOUT, TIMEOUT_ERROR),
				row(BROKEN_MODEL, BROKEN_ACCESS, "code:system.internalError"),
				// whitespace around the values
				row("\r\n \t{\"result\":\r\n \t{ \"model\":\t \r\n" + MODEL.replace('\'', '"') + "\t} \t\n}", FULL_ACCESS, MODEL_RESULT),
				row(MODEL_GET, "\r\n \t{\"result\":{\"get\":\ttrue}\n}", MODEL_RESULT),
				// invalid get responses
				row("{\"invalid\":JSON}", FULL_ACCESS, "code:system.internalError"),
				row("", FULL_ACCESS, "code:system.internalError"),
				row("{\"invalid\":\"response\"}", FULL_ACCESS, "code:system.internalError"),
				// invalid access responses
				row(MODEL_GET, "{\"invalid\":JSON}", "code:system.internalError"),
				row(MODEL_GET, "", "code:system.internalError"),
				row(MODEL_GET, "{\"invalid\":\"response\"}", "code:system.internalError"),
				// invalid models and collections
				row(result("{'model':['with','array','data']}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'collection':{'with':'model data'}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'model':{'array':[1,2]}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'model':{'prop':{'action':'delete'}}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'model':{'prop':{'action':'unknown'}}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'model':{'prop':{'unknown':'property'}}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'model':{'child':{'rid':false}}}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'collection':['array',[1,2]]}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'collection':['prop',{'action':'delete'}]}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'collection':['prop',{'action':'unknown'}]}"), FULL_ACCESS, "code:system.internalError"),
				row(result("{'collection':['prop',{'unknown':'property'}]}"), FULL_ACCESS, "code:system.internalError"),
				// both a model and a collection
				row(result("{'model':{'foo':'bar'},'collection':[1,2,3]}"), FULL_ACCESS, "code:system.internalError"),
				// invalid error responses
				row("{\"error\":[]}", FULL_ACCESS, "code:system.internalError"),
				row("{\"error\":{\"message\":\"missing code\"}}", FULL_ACCESS, "code:"),
				row("{\"error\":{\"code\":12,\"message\":\"integer code\"}}", FULL_ACCESS, "code:system.internalError"));
	}

	private static String[] row(String get, String access, String expected) {
		return new String[] { get, access, expected };
	}

	static Stream<Arguments> cases() {
		List<Arguments> out = new ArrayList<>();
		List<String[]> rows = table();
		for (int i = 0; i < rows.size(); i++) {
			String[] r = rows.get(i);
			boolean timeout = TIMEOUT.equals(r[0]) || TIMEOUT.equals(r[1]);
			for (Transport t : Transport.values()) {
				for (String method : List.of("subscribe", "get")) {
					// a timeout costs the whole request timeout: checked once, on NATS with subscribe
					if (timeout && (t != Transport.NATS || !method.equals("subscribe"))) {
						continue;
					}
					out.add(Arguments.of(t, method, i + 1, r[0], r[1], r[2]));
				}
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} {1} row {2}: get {3}, access {4} -> {5}")
	@MethodSource("cases")
	void responseToGetAndAccess(Transport transport, String method, int row, String get, String access, String expected) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req = c.request(method + ".test.resource");
		ServiceRequest getReq = s.service().awaitRequest("get.test.resource");
		ServiceRequest accessReq = s.service().awaitRequest("access.test.resource");
		if (!TIMEOUT.equals(get)) {
			getReq.respondRaw(get);
		}
		if (!TIMEOUT.equals(access)) {
			accessReq.respondRaw(access);
		}
		ClientResponse resp = req.response();
		if (expected.startsWith("code:")) {
			resp.assertError(expected.substring(5));
		}
		else if (expected.startsWith("{'models'")) {
			resp.assertResult(expected);
		}
		else {
			resp.assertErrorJson(expected);
		}
		c.assertNoMessage();
	}
}
