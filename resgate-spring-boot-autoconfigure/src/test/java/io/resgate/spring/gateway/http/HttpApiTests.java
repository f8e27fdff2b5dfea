package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API with the default {@code json} encoding, any origin allowed, and PUT and DELETE
 * mapped to a call method: Resgate's HTTP GET, POST, HEAD, OPTIONS and method mapping scenarios.
 */
class HttpApiTests extends HttpApiTestSupport {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@BeforeAll
	static void start() throws Exception {
		startApp(nats, "resgate.put-method=mappedMethod", "resgate.delete-method=mappedMethod",
				"resgate.api-max-body-size=1KB");
	}

	@AfterAll
	static void stop() {
		stopApp();
	}

	// --- GET ------------------------------------------------------------------------------

	static Stream<Arguments> resources() {
		return ApiEncoderTests.json();
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("resources")
	void getAnswersTheResourceWithItsReferences(String rid, String expected) {
		ApiClient.Response r = serveGet(api.get("/api/" + rid.replace('.', '/')));
		if (rid.startsWith("test.err.")) {
			r.assertStatus(404).assertBody(expected);
		}
		else {
			r.assertStatus(200).assertBody(expected);
		}
	}

	@Test
	void getSendsAccessWithIsHttpAndGetInParallel() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").assertField("isHttp", "true").assertField("token", null)
			.assertField("query", null).result("{\"get\":true}");
		assertThat(reqs.get("access.test.model").field("cid").asString()).isNotEmpty();
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		p.response().assertStatus(200).assertBody(MODEL).assertHeader("Access-Control-Allow-Origin", "*");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "model|{\"model\":" + MODEL + ",\"query\":\"q=foo&f=bar\"}|" + MODEL,
			"collection|{\"collection\":[\"foo\",42,true,null],\"query\":\"q=foo&f=bar\"}|[\"foo\",42,true,null]" })
	void getOnQueryResource(String name, String getResult, String expected) {
		ApiClient.Pending p = api.get("/api/test/" + name + "?q=foo&f=bar");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test." + name).assertField("isHttp", "true").assertField("token", null)
			.assertField("query", "\"q=foo&f=bar\"").result("{\"get\":true}");
		reqs.get("get.test." + name).assertField("query", "\"q=foo&f=bar\"").result(getResult);
		p.response().assertStatus(200).assertBody(expected);
	}

	@Test
	void getWithAccessDeniedIs401() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		reqs.get("access.test.model").result("{\"get\":false}");
		p.response().assertStatus(401).assertError("system.accessDenied", "Access denied");
	}

	@Test
	void getWithAccessTimeoutIs404Timeout() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		p.response().assertStatus(404).assertError("system.timeout", "Request timeout");
	}

	@Test
	void getOfMissingResourceIs404() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").error("system.notFound", "Not found");
		p.response().assertStatus(404).assertError("system.notFound", "Not found");
	}

	@Test
	void getOfResourceFailingWithInternalErrorIs500() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").error("system.internalError", "Internal error");
		p.response().assertStatus(500).assertError("system.internalError", "Internal error");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/", "/api", "/api/test.model", "/api/test/model/", "/api/test//model",
			"/api/test/m%C3%A5del/action" })
	void getOnInvalidPathIs404(String path) {
		api.get(path).response().assertStatus(404).assertError("system.notFound", "Not found");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void pathsOutsideTheApiAreLeftToTheApplication() {
		assertThat(api.get("/wrong_prefix/test/model").response().status()).isEqualTo(404);
		assertThat(api.get("/").response().body()).isEqualTo("hello page");
	}

	@Test
	void getOfLongResourceIdIs414() {
		api.get("/api/test/" + "a".repeat(10_000)).response().assertStatus(414)
			.assertError("system.subjectTooLong", "Subject too long");
	}

	@Test
	void getWithLongQueryWorks() {
		String query = "q=" + "a".repeat(10_000);
		ApiClient.Pending p = api.get("/api/test/model?" + query);
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").assertField("query", "\"" + query + "\"").result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + ",\"query\":\"" + query + "\"}");
		p.response().assertStatus(200).assertBody(MODEL);
	}

	// --- HEAD -----------------------------------------------------------------------------

	@Test
	void headAnswersTheStatusWithoutBody() {
		ApiClient.Pending p = api.send("HEAD", "/api/test/model", null);
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		ApiClient.Response r = p.response().assertStatus(200);
		assertThat(r.body()).isEmpty();
	}

	@Test
	void headOfMissingResourceIs404WithoutBody() {
		ApiClient.Pending p = api.send("HEAD", "/api/test/model", null);
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").error("system.notFound", "Not found");
		assertThat(p.response().assertStatus(404).body()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/", "/api/test.model", "/api/test/model/", "/api/test//model" })
	void headOnInvalidPathIs404(String path) {
		assertThat(api.send("HEAD", path, null).response().assertStatus(404).body()).isEmpty();
	}

	// --- POST -----------------------------------------------------------------------------

	static Stream<Arguments> postResponses() {
		String success = "{\"foo\":\"bar\"}";
		String full = "{\"get\":true,\"call\":\"*\"}";
		String notFound = "{\"code\":\"system.notFound\",\"message\":\"Not found\"}";
		return Stream.of(
			// body, access response (null: timeout), call response (null: no call request), status, body, Location
			Arguments.of(null, full, "{\"result\":" + success + "}", 200, success, null),
			Arguments.of("{\"value\":42}", full, "{\"result\":" + success + "}", 200, success, null),
			Arguments.of(null, "{\"get\":true,\"call\":\"method\"}", "{\"result\":" + success + "}", 200, success, null),
			Arguments.of(null, "{\"get\":true,\"call\":\"foo,method\"}", "{\"result\":" + success + "}", 200, success, null),
			Arguments.of(null, "{\"get\":true,\"call\":\"foo,bar\"}", null, 401, "{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}", null),
			Arguments.of(null, "{\"get\":true}", null, 401, "{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}", null),
			Arguments.of(null, null, null, 404, "{\"code\":\"system.timeout\",\"message\":\"Request timeout\"}", null),
			Arguments.of(null, full, "{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}}", 400, "{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}", null),
			Arguments.of(null, full, "{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}", 404, "{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}", null),
			Arguments.of(null, full, "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}", 404, notFound, null),
			Arguments.of(null, full, "{\"error\":{\"code\":\"custom.error\",\"message\":\"Custom\",\"data\":{\"x\":1}}}", 400, "{\"code\":\"custom.error\",\"message\":\"Custom\",\"data\":{\"x\":1}}", null),
			Arguments.of(null, full, "{\"result\":null}", 204, null, null),
			Arguments.of(null, full, "{\"resource\":{\"rid\":\"test.model\"}}", 200, null, "/api/test/model"),
			Arguments.of(null, full, "{\"resource\":{\"rid\":\"test.model?q=a.b\"}}", 200, null, "/api/test/model%3Fq=a/b"),
			Arguments.of(null, full, "{\"resource\":\"test.model\"}", 500, "system.internalError", null),
			Arguments.of(null, full, "{\"resource\":{}}", 500, "system.internalError", null),
			Arguments.of(null, full, "{\"resource\":{\"rid\":42}}", 500, "system.internalError", null),
			Arguments.of(null, full, "{\"resource\":{\"rid\":\"test..model\"}}", 500, "system.internalError", null));
	}

	@ParameterizedTest
	@MethodSource
	void postResponses(String body, String access, String call, int status, String expected, String location) {
		ApiClient.Pending p = api.post("/api/test/model/method", body);
		ScriptedService.Request a = service.next("access.test.model").assertField("isHttp", "true");
		if (access != null) {
			a.result(access);
		}
		if (call != null) {
			service.next("call.test.model.method").assertField("isHttp", "true")
				.assertField("params", body)
				.respond(call);
		}
		ApiClient.Response r = p.response().assertStatus(status);
		if (expected != null && expected.startsWith("system.")) {
			r.assertErrorCode(expected);
		}
		else {
			r.assertBody(expected);
		}
		if (location != null) {
			r.assertHeader("Location", location);
		}
		else {
			r.assertNoHeader("Location");
		}
	}

	@Test
	void postOnQueryResourcePutsTheQueryInTheRequests() {
		ApiClient.Pending p = api.post("/api/test/model/method?q=foo&f=bar", null);
		service.next("access.test.model").assertField("query", "\"q=foo&f=bar\"").assertField("token", null)
			.assertField("isHttp", "true").result("{\"call\":\"method\"}");
		service.next("call.test.model.method").assertField("query", "\"q=foo&f=bar\"").assertField("isHttp", "true")
			.result("{\"foo\":\"bar\"}");
		p.response().assertStatus(200).assertBody("{\"foo\":\"bar\"}");
	}

	@Test
	void legacyNewCallAnsweredWithRidIsAResourceResponse() {
		ApiClient.Pending p = api.post("/api/test/collection/new", "{\"value\":42}");
		service.next("access.test.collection").result("{\"call\":\"new\"}");
		service.next("call.test.collection.new").result("{\"rid\":\"test.model\"}");
		p.response().assertStatus(200).assertBody(null).assertHeader("Location", "/api/test/model");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/api/", "/api/action", "/api/test.model/action", "/api/test/model/action/",
			"/api/test//model/action", "/api/test/model/%C3%A4ction", "/api/test/m%C3%A5del/action" })
	void postOnInvalidPathIs404(String path) {
		api.post(path, null).response().assertStatus(404).assertError("system.notFound", "Not found");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "foo", "{\"a\":1} x", "{]" })
	void postWithBodyThatIsNotJsonIs400(String body) {
		api.post("/api/test/model/method", body).response().assertStatus(400).assertErrorCode("system.badRequest");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void postWithTooLargeBodyIs413() {
		api.post("/api/test/model/method", "\"" + "x".repeat(2000) + "\"").response().assertStatus(413)
			.assertErrorCode("system.badRequest");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void postOfLongResourceIdIs414() {
		api.post("/api/test/" + "a".repeat(10_000) + "/method", null).response().assertStatus(414)
			.assertError("system.subjectTooLong", "Subject too long");
	}

	@Test
	void postOfLongMethodIs414AfterAccess() {
		ApiClient.Pending p = api.post("/api/test/" + "a".repeat(10_000), null);
		service.next("access.test").result("{\"get\":true,\"call\":\"*\"}");
		p.response().assertStatus(414).assertError("system.subjectTooLong", "Subject too long");
	}

	@Test
	void postWithLongQueryWorks() {
		String query = "q=" + "a".repeat(10_000);
		ApiClient.Pending p = api.post("/api/test/model/method?" + query, null);
		service.next("access.test.model").assertField("query", "\"" + query + "\"").result("{\"call\":\"*\"}");
		service.next("call.test.model.method").assertField("query", "\"" + query + "\"").result("{\"foo\":\"bar\"}");
		p.response().assertStatus(200).assertBody("{\"foo\":\"bar\"}");
	}

	// --- Method mapping -------------------------------------------------------------------

	static Stream<Arguments> mappedMethods() {
		return Stream.of("PUT", "DELETE").flatMap(m -> Stream.of(
			Arguments.of(m, "{\"result\":\"zoo\"}", 200, "\"zoo\""),
			Arguments.of(m, "{\"result\":null}", 204, null),
			Arguments.of(m, "{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}}", 400, "{\"code\":\"system.invalidParams\",\"message\":\"Invalid parameters\"}"),
			Arguments.of(m, null, 404, "{\"code\":\"system.timeout\",\"message\":\"Request timeout\"}"),
			Arguments.of(m, "{\"error\":{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}}", 401, "{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}"),
			Arguments.of(m, "{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}", 405, "{\"code\":\"system.methodNotAllowed\",\"message\":\"Method not allowed\"}")));
	}

	@ParameterizedTest
	@MethodSource
	void mappedMethods(String method, String callResponse, int status, String expected) {
		ApiClient.Pending p = api.send(method, "/api/test/model", "{\"foo\":\"bar\"}");
		service.next("access.test.model").result("{\"get\":true,\"call\":\"*\"}");
		ScriptedService.Request call = service.next("call.test.model.mappedMethod")
			.assertField("params", "{\"foo\":\"bar\"}").assertField("isHttp", "true");
		if (callResponse != null) {
			call.respond(callResponse);
		}
		p.response().assertStatus(status).assertBody(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE", "POST" })
	void jsonBodyLabelledAsFormIsStillTheParams(String method) {
		// curl -d sends application/x-www-form-urlencoded; Resgate reads the body as JSON all the same.
		String path = method.equals("POST") ? "/api/test/model/mappedMethod" : "/api/test/model";
		ApiClient.Pending p = api.send(method, path, "{\"foo\":\"bar\"}", "Content-Type",
				"application/x-www-form-urlencoded");
		service.next("access.test.model").result("{\"call\":\"*\"}");
		service.next("call.test.model.mappedMethod").assertField("params", "{\"foo\":\"bar\"}").result("null");
		p.response().assertStatus(204);
	}

	@ParameterizedTest
	@ValueSource(strings = { "PATCH", "PROPFIND" })
	void unmappedMethodIs405(String method) {
		api.send(method, "/api/test/model", "{\"foo\":\"bar\"}").response().assertStatus(405)
			.assertError("system.methodNotAllowed", "Method not allowed");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	// --- OPTIONS --------------------------------------------------------------------------

	@Test
	void optionsAnswersThePreflight() {
		api.send("OPTIONS", "/api/test/model", null, "Origin", "http://localhost").response().assertStatus(200)
			.assertBody(null)
			.assertHeader("Access-Control-Allow-Origin", "*")
			.assertHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS, POST, PUT, DELETE")
			.assertNoHeader("Vary", "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers",
					"Transfer-Encoding")
			.assertHeader("Content-Length", "0");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void optionsOfRealBrowserPreflight() {
		api.send("OPTIONS", "/api/test/model/method", null, "Origin", "http://localhost",
				"Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type")
			.response().assertStatus(200)
			.assertHeader("Access-Control-Allow-Origin", "*")
			.assertHeader("Access-Control-Allow-Headers", "content-type")
			.assertNoHeader("Allow");
	}

	@Test
	void optionsEchoesTheRequestedHeaders() {
		api.send("OPTIONS", "/api/test/model", null, "Access-Control-Request-Headers", "X-PINGOTHER",
				"Access-Control-Request-Headers", "Content-Type", "Access-Control-Request-Headers", "Authorization")
			.response().assertStatus(200)
			.assertHeader("Access-Control-Allow-Headers", "X-PINGOTHER, Content-Type, Authorization")
			.assertNoHeader("Access-Control-Allow-Credentials");
	}

	// --- CORS with any origin -------------------------------------------------------------

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost", "" })
	void anyOriginIsAllowed(String origin) {
		String[] headers = origin.isEmpty() ? new String[0] : new String[] { "Origin", origin };
		ApiClient.Pending p = api.send("POST", "/api/test/model/method", null, headers);
		service.next("access.test.model").result("{\"get\":true,\"call\":\"*\"}");
		service.next("call.test.model.method").result("{\"get\":true,\"call\":\"*\"}");
		p.response().assertStatus(200).assertBody("{\"get\":true,\"call\":\"*\"}")
			.assertHeader("Access-Control-Allow-Origin", "*").assertNoHeader("Vary", "Access-Control-Allow-Credentials");
	}

	@Test
	void concurrentGetsShareOneGetRequest() {
		List<ApiClient.Pending> pending = new java.util.ArrayList<>();
		for (int i = 0; i < 20; i++) {
			pending.add(api.get("/api/test/model"));
		}
		ScriptedService.Request get = null;
		java.util.Set<String> cids = new java.util.HashSet<>();
		for (int i = 0; i < 21; i++) {
			ScriptedService.Request r = service.next();
			if (r.subject().equals("get.test.model")) {
				assertThat(get).as("one get request only").isNull();
				get = r;
			}
			else {
				r.assertSubject("access.test.model").result("{\"get\":true}");
				cids.add(r.field("cid").asString());
			}
		}
		assertThat(cids).hasSize(20);
		get.result("{\"model\":" + MODEL + "}");
		for (ApiClient.Pending p : pending) {
			p.response().assertStatus(200).assertBody(MODEL);
		}
	}

	@Test
	void temporaryConnectionsAreGone() {
		ApiClient.Pending p = api.get("/api/test/model");
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").result("{\"get\":true}");
		reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
		p.response().assertStatus(200);
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway().connectionCount() == 0);
		assertThat(List.of(gateway().connectionCount())).containsExactly(0);
	}
}
