package io.resgate.spring.service;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.test.ResTestSession;

class ServiceSmokeTests {

	@ResModel("example.model.$id")
	static class Example {

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Map<String, Object> get(@PathParam("id") int id) {
			return Map.of("id", id, "message", "Hello");
		}

		@ResCall("set")
		void set() {
		}
	}

	@Test
	void smoke() {
		try (ResTestSession s = new ResTestSession()) {
			s.register(new Example()).start();
			s.get("example.model.4").assertPayload("{\"result\":{\"model\":{\"id\":4,\"message\":\"Hello\"}}}");
			s.access("example.model.4", null).assertPayload("{\"result\":{\"get\":true,\"call\":\"*\"}}");
			s.call("example.model.4", "set", null).assertPayload("{\"result\":null}");
			s.call("example.model.4", "nope", null)
				.assertPayload("{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}");
		}
	}
}
