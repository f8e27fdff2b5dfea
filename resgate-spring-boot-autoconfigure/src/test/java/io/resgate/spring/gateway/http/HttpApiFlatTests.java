package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.stream.Stream;

import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;

/**
 * The HTTP API with the {@code jsonflat} encoding, a list of allowed origins (in Resgate's
 * semicolon-separated form) and PATCH mapped to a call method.
 */
class HttpApiFlatTests extends HttpApiTestSupport {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@BeforeAll
	static void start() throws Exception {
		startApp(nats, "resgate.api-encoding=jsonFlat", "resgate.allow-origin=https://resgate.io;http://localhost",
				"resgate.patch-method=mappedMethod", "resgate.nats.reconnect-wait=100ms");
	}

	@AfterAll
	static void stop() {
		stopApp();
	}

	static Stream<Arguments> resources() {
		return ApiEncoderTests.jsonflat();
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("resources")
	void getAnswersTheFlatResource(String rid, String expected) {
		serveGet(api.get("/api/" + rid.replace('.', '/'))).assertStatus(200).assertBody(expected);
	}

	@Test
	void getOnQueryModel() {
		ApiClient.Pending p = api.get("/api/test/model?q=foo&f=bar");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").assertField("query", "\"q=foo&f=bar\"").assertField("isHttp", "true")
			.result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + ",\"query\":\"q=foo&f=bar\"}");
		p.response().assertStatus(200).assertBody(MODEL);
	}

	// --- Allowed origins ------------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "https://resgate.io" })
	void getFromAllowedOrigin(String origin) {
		ApiClient.Pending p = api.get("/api/test/model", "Origin", origin);
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		p.response().assertStatus(200).assertBody(MODEL).assertHeader("Access-Control-Allow-Origin", origin)
			.assertHeader("Vary", "Origin").assertNoHeader("Access-Control-Allow-Credentials");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void requestFromOtherOriginIsForbidden(String method) {
		String path = method.equals("GET") ? "/api/test/model" : "/api/test/model/method";
		api.send(method, path, null, "Origin", "http://example.com").response().assertStatus(403)
			.assertError("system.forbidden", "Forbidden origin")
			.assertHeader("Access-Control-Allow-Origin", "http://localhost").assertHeader("Vary", "Origin")
			.assertNoHeader("Access-Control-Allow-Credentials");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void getWithoutOriginGetsNoCorsHeaders() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		p.response().assertStatus(200).assertBody(MODEL).assertNoHeader("Access-Control-Allow-Origin", "Vary");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "https://resgate.io", "" })
	void postFromAllowedOriginOrWithoutOrigin(String origin) {
		String[] headers = origin.isEmpty() ? new String[0] : new String[] { "Origin", origin };
		ApiClient.Pending p = api.send("POST", "/api/test/model/method", null, headers);
		service.next("access.test.model").result("{\"get\":true,\"call\":\"*\"}");
		service.next("call.test.model.method").result("{\"get\":true,\"call\":\"*\"}");
		ApiClient.Response r = p.response().assertStatus(200).assertBody("{\"get\":true,\"call\":\"*\"}");
		if (origin.isEmpty()) {
			r.assertNoHeader("Access-Control-Allow-Origin", "Vary");
		}
		else {
			r.assertHeader("Access-Control-Allow-Origin", origin).assertHeader("Vary", "Origin");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "https://resgate.io", "http://example.com" })
	void optionsWithOrigin(String origin) {
		String expected = origin.equals("http://example.com") ? "http://localhost" : origin;
		api.send("OPTIONS", "/api/test/model", null, "Origin", origin).response().assertStatus(200).assertBody(null)
			.assertHeader("Access-Control-Allow-Origin", expected).assertHeader("Vary", "Origin")
			.assertHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS, POST, PATCH");
	}

	@Test
	void optionsWithoutOrigin() {
		api.send("OPTIONS", "/api/test/model", null).response().assertStatus(200)
			.assertNoHeader("Access-Control-Allow-Origin", "Vary");
	}

	// --- Messaging down -------------------------------------------------------------------

	@Test
	void serviceUnavailableWhileTheMessagingConnectionIsDown() throws Exception {
		nats.stop();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> !gateway().isAvailable());
			api.get("/api/test/model").response().assertStatus(503)
				.assertError("system.serviceUnavailable", "Service unavailable");
			api.post("/api/test/model/method", null).response().assertStatus(503);
		}
		finally {
			nats.start();
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> gateway().isAvailable());
		await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).until(() -> {
			service.drain();
			return serveGet(api.get("/api/test/model")).status() == 200;
		});
	}

	// --- PATCH mapping --------------------------------------------------------------------

	static Stream<Arguments> patch() {
		return Stream.of(
			Arguments.of("{\"result\":\"zoo\"}", 200, "\"zoo\""),
			Arguments.of("{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}}", 400, "{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}"),
			Arguments.of(null, 404, "{\"code\":\"system.timeout\",\"message\":\"Request timeout\"}"),
			Arguments.of("{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}", 401, "{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}"),
			Arguments.of("{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}", 405, "{\"code\":\"system.methodNotAllowed\",\"message\":\"Method not allowed\"}"));
	}

	@ParameterizedTest
	@MethodSource
	void patch(String callResponse, int status, String expected) {
		ApiClient.Pending p = api.send("PATCH", "/api/test/model", "{\"foo\":\"bar\"}");
		service.next("access.test.model").result("{\"get\":true,\"call\":\"*\"}");
		ScriptedService.Request call = service.next("call.test.model.mappedMethod").assertField("params", "{\"foo\":\"bar\"}");
		if (callResponse != null) {
			call.respond(callResponse);
		}
		p.response().assertStatus(status).assertBody(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE" })
	void unmappedMethodIs405(String method) {
		api.send(method, "/api/test/model", "{\"foo\":\"bar\"}").response().assertStatus(405)
			.assertError("system.methodNotAllowed", "Method not allowed");
		service.assertNoRequest(Duration.ofMillis(50));
	}
}
