package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors of services reach the client as they are: predefined and custom codes, messages, and
 * {@code data}, on get, call and auth alike.
 */
class ErrorPassthroughScenarios extends ConformanceTest {

	static Stream<Arguments> errors() {
		String[] errors = { "{'code':'system.notFound','message':'Not found'}",
				"{'code':'system.invalidParams','message':'Invalid parameters'}",
				"{'code':'system.invalidQuery','message':'Invalid query'}",
				"{'code':'system.methodNotFound','message':'Method not found'}",
				"{'code':'system.internalError','message':'Internal error'}",
				"{'code':'custom.error','message':'Custom {x}','data':{'x':1,'list':[1,'a',null]}}",
				"{'code':'custom.error','message':'With primitive data','data':42}" };
		List<Arguments> out = new ArrayList<>();
		for (String e : errors) {
			for (String type : new String[] { "get", "call", "auth" }) {
				for (Transport t : Transport.values()) {
					out.add(Arguments.of(t, type, e));
				}
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} {1} error {2}")
	@MethodSource("errors")
	void serviceErrorReachesClient(Transport transport, String type, String error) {
		Scenario s = scenario(transport);
		TestClient c = s.connect();
		TestClient.ClientRequest req;
		switch (type) {
			case "get" -> {
				req = c.request("get.test.model?q=1");
				s.service().awaitRequest("access.test.model").access(true, null);
				s.service().awaitRequest("get.test.model").respond("{'error':" + error + "}");
			}
			case "call" -> {
				req = c.request("call.test.model.method", "{'a':1}");
				s.service().awaitRequest("access.test.model").accessGranted();
				s.service().awaitRequest("call.test.model.method").respond("{'error':" + error + "}");
			}
			default -> {
				req = c.request("auth.test.model.method", "{'a':1}");
				s.service().awaitRequest("auth.test.model.method").respond("{'error':" + error + "}");
			}
		}
		req.response().assertErrorJson(error);
		c.assertNoMessage();
	}
}
