package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API with header authentication ({@code resgate.header-auth}) and one allowed origin:
 * Resgate's header auth and meta scenarios (status codes and headers from auth, access and call
 * responses).
 */
class HttpApiHeaderAuthTests extends HttpApiTestSupport {

	private static final String ORIGIN = "http://example.com";

	private static final String HREF = "http://example.com/test/ref";

	private static final String CUSTOM = "{\"code\":\"system.custom\",\"message\":\"Custom\"}";

	private static final String NO_TOKEN = "<none>";

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@BeforeAll
	static void start() throws Exception {
		startApp(nats, "resgate.header-auth=vault.method", "resgate.allow-origin=" + ORIGIN,
				"resgate.ws-header-auth=vault.ws");
	}

	@AfterAll
	static void stop() {
		stopApp();
	}

	// --- Header auth and its token --------------------------------------------------------

	static Stream<Arguments> headerAuth() {
		List<String> responses = List.of("<timeout>", "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}",
				"{]", "{\"result\":null}");
		List<String> tokens = List.of(NO_TOKEN, "{\"user\":\"foo\"}", "null");
		return Stream.of("GET", "POST")
			.flatMap(m -> tokens.stream().flatMap(t -> responses.stream().map(r -> Arguments.of(m, r, t))));
	}

	@ParameterizedTest(name = "{0} with auth response {1} and token {2}")
	@MethodSource
	void headerAuth(String method, String authResponse, String token) {
		boolean get = method.equals("GET");
		ApiClient.Pending p = api.send(method, get ? "/api/test/model" : "/api/test/model/method", null,
				"Origin", ORIGIN, "X-Custom", "a", "X-Custom", "b");
		ScriptedService.Request auth = service.next("auth.vault.method").assertField("isHttp", "true")
			.assertField("token", null);
		assertThat(auth.payload().has("params")).isFalse();
		assertThat(auth.field("header").get("Origin")).isEqualTo(json("[\"" + ORIGIN + "\"]"));
		assertThat(auth.field("header").get("X-Custom")).isEqualTo(json("[\"a\",\"b\"]"));
		assertThat(auth.field("host").asString()).isEqualTo("127.0.0.1:" + p.port());
		assertThat(auth.field("remoteAddr").asString()).startsWith("127.0.0.1:");
		assertThat(auth.field("uri").asString()).isEqualTo(get ? "/api/test/model" : "/api/test/model/method");
		String cid = auth.field("cid").asString();
		if (!token.equals(NO_TOKEN)) {
			service.publish("conn." + cid + ".token", "{\"token\":" + token + "}");
		}
		if (!authResponse.equals("<timeout>")) {
			auth.respond(authResponse);
		}
		String expectedToken = token.equals(NO_TOKEN) ? null : token;
		if (get) {
			ScriptedService.Parallel reqs = service.nextParallel(2);
			reqs.get("access.test.model").assertField("token", expectedToken).assertField("isHttp", "true")
				.assertField("cid", "\"" + cid + "\"").result("{\"get\":true}");
			reqs.get("get.test.model").result("{\"model\":" + MODEL + "}");
			p.response().assertStatus(200).assertBody(MODEL).assertHeader("Access-Control-Allow-Credentials", "true");
		}
		else {
			service.next("access.test.model").assertField("token", expectedToken).result("{\"get\":true,\"call\":\"*\"}");
			service.next("call.test.model.method").assertField("token", expectedToken).result("{\"foo\":\"bar\"}");
			p.response().assertStatus(200).assertBody("{\"foo\":\"bar\"}")
				.assertHeader("Access-Control-Allow-Credentials", "true");
		}
	}

	@Test
	void tokenHoldsForOneRequestOnly() {
		ApiClient.Pending p = api.post("/api/test/model/method", null);
		ScriptedService.Request auth = service.next("auth.vault.method");
		service.publish("conn." + auth.field("cid").asString() + ".token", "{\"token\":{\"user\":\"foo\"}}");
		auth.result("null");
		service.next("access.test.model").assertField("token", "{\"user\":\"foo\"}").result("{\"call\":\"*\"}");
		service.next("call.test.model.method").result("null");
		p.response().assertStatus(204);

		ApiClient.Pending p2 = api.post("/api/test/model/method", null);
		ScriptedService.Request auth2 = service.next("auth.vault.method").assertField("token", null);
		assertThat(auth2.field("cid").asString()).isNotEqualTo(auth.field("cid").asString());
		auth2.result("null");
		service.next("access.test.model").assertField("token", null).result("{\"call\":\"*\"}");
		service.next("call.test.model.method").result("null");
		p2.response().assertStatus(204);
	}

	@Test
	void optionsAllowsCredentials() {
		api.send("OPTIONS", "/api/test/model", null).response().assertStatus(200)
			.assertHeader("Access-Control-Allow-Credentials", "true");
		service.assertNoRequest(Duration.ofMillis(50));
	}

	// --- Meta on GET ----------------------------------------------------------------------

	static Stream<Arguments> getMeta() {
		String get = "{\"result\":{\"get\":true}}";
		String model = "{\"result\":{\"model\":" + MODEL + "}}";
		String nul = "{\"result\":null}";
		return Stream.of(
			Arguments.of("custom header in auth", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", get, model, 200, MODEL, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("header canonicalized in auth", "{\"result\":null,\"meta\":{\"header\":{\"test-header\":[\"foo\"]}}}", get, model, 200, MODEL, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("two values in auth", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\",\"bar\"]}}}", get, model, 200, MODEL, Map.of("Test-Header", List.of("foo", "bar"))),
			Arguments.of("Set-Cookie in auth", "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", get, model, 200, MODEL, Map.of("Set-Cookie", List.of("id=foo; Max-Age=86400"))),
			Arguments.of("307 in auth", "{\"result\":null,\"meta\":{\"status\":307,\"header\":{\"Location\":[\"" + HREF + "\"]}}}", null, null, 307, null, Map.of("Location", List.of(HREF))),
			Arguments.of("resource and 307 in auth", "{\"resource\":{\"rid\":\"test.redirect\"},\"meta\":{\"status\":307}}", null, null, 307, null, Map.of("Location", List.of("/api/test/redirect"))),
			Arguments.of("407 with custom error in auth", "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", null, null, 407, CUSTOM, Map.of()),
			Arguments.of("507 with custom error in auth", "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":507}}", null, null, 507, CUSTOM, Map.of()),
			Arguments.of("error status and header in auth", "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407,\"header\":{\"Test-Header\":[\"foo\"]}}}", null, null, 407, CUSTOM, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("custom header in access", nul, "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", model, 200, MODEL, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("header canonicalized in access", nul, "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"test-header\":[\"foo\"]}}}", model, 200, MODEL, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("two values in access", nul, "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Test-Header\":[\"foo\",\"bar\"]}}}", model, 200, MODEL, Map.of("Test-Header", List.of("foo", "bar"))),
			Arguments.of("Set-Cookie in access", nul, "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", model, 200, MODEL, Map.of("Set-Cookie", List.of("id=foo; Max-Age=86400"))),
			Arguments.of("access header overrides auth header", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Test-Header\":[\"bar\"]}}}", model, 200, MODEL, Map.of("Test-Header", List.of("bar"))),
			Arguments.of("auth and access headers", "{\"result\":null,\"meta\":{\"header\":{\"Test-Auth\":[\"foo\"]}}}", "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Test-Access\":[\"bar\"]}}}", model, 200, MODEL, Map.of("Test-Auth", List.of("foo"), "Test-Access", List.of("bar"))),
			Arguments.of("Set-Cookie in auth and access", "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", "{\"result\":{\"get\":true},\"meta\":{\"header\":{\"Set-Cookie\":[\"id=bar; Max-Age=43200\"]}}}", model, 200, MODEL, Map.of("Set-Cookie", List.of("id=foo; Max-Age=86400", "id=bar; Max-Age=43200"))),
			Arguments.of("307 in access", nul, "{\"result\":{\"get\":true},\"meta\":{\"status\":307,\"header\":{\"Location\":[\"" + HREF + "\"]}}}", model, 307, null, Map.of("Location", List.of(HREF))),
			Arguments.of("resource in auth and 307 in access", "{\"resource\":{\"rid\":\"test.redirect\"}}", "{\"result\":{\"get\":true},\"meta\":{\"status\":307}}", model, 307, null, Map.of("Location", List.of())),
			Arguments.of("407 with custom error in access", nul, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", model, 407, CUSTOM, Map.of()),
			Arguments.of("507 with custom error in access", nul, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":507}}", model, 507, CUSTOM, Map.of()),
			Arguments.of("error status and header in access", nul, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407,\"header\":{\"Test-Header\":[\"foo\"]}}}", model, 407, CUSTOM, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("header in auth, error status in access", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", model, 407, CUSTOM, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("protected headers in auth", "{\"result\":null,\"meta\":{\"header\":{\"Sec-Websocket-Extensions\":[\"foo\"],\"Sec-Websocket-Protocol\":[\"foo\"],\"Access-Control-Allow-Credentials\":[\"foo\"],\"Access-Control-Allow-Origin\":[\"foo\"],\"Content-Type\":[\"text/html; charset=utf-8\"]}}}", get, model, 200, MODEL,
					Map.of("Sec-Websocket-Extensions", List.of(), "Sec-Websocket-Protocol", List.of(), "Access-Control-Allow-Credentials", List.of("true"), "Access-Control-Allow-Origin", List.of(ORIGIN))),
			Arguments.of("206 in auth ignored", "{\"result\":null,\"meta\":{\"status\":206}}", get, model, 200, MODEL, Map.of()),
			Arguments.of("601 in auth ignored", "{\"result\":null,\"meta\":{\"status\":601}}", get, model, 200, MODEL, Map.of()),
			Arguments.of("206 in access ignored", nul, "{\"result\":{\"get\":true},\"meta\":{\"status\":206}}", model, 200, MODEL, Map.of()),
			Arguments.of("601 in access ignored", nul, "{\"result\":{\"get\":true},\"meta\":{\"status\":601}}", model, 200, MODEL, Map.of()));
	}

	@ParameterizedTest(name = "GET: {0}")
	@MethodSource
	void getMeta(String name, String auth, String access, String getResponse, int status, String body,
			Map<String, List<String>> headers) {
		ApiClient.Pending p = api.get("/api/test/model", "Origin", ORIGIN);
		service.next("auth.vault.method").assertField("isHttp", "true").respond(auth);
		if (access != null) {
			ScriptedService.Parallel reqs = service.nextParallel(2);
			reqs.get("access.test.model").assertField("isHttp", "true").respond(access);
			reqs.get("get.test.model").respond(getResponse);
		}
		else {
			service.assertNoRequest(Duration.ofMillis(50));
		}
		assertMeta(p.response(), status, body, headers);
	}

	// --- Meta on POST ---------------------------------------------------------------------

	static Stream<Arguments> postMeta() {
		String call = "{\"result\":{\"call\":\"method\"}}";
		String nul = "{\"result\":null}";
		return Stream.of(
			Arguments.of("custom header in call", nul, call, "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", 204, null, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("header canonicalized in call", nul, call, "{\"result\":null,\"meta\":{\"header\":{\"test-header\":[\"foo\"]}}}", 204, null, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("two values in call", nul, call, "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\",\"bar\"]}}}", 204, null, Map.of("Test-Header", List.of("foo", "bar"))),
			Arguments.of("Set-Cookie in call", nul, call, "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", 204, null, Map.of("Set-Cookie", List.of("id=foo; Max-Age=86400"))),
			Arguments.of("307 in call", nul, call, "{\"result\":null,\"meta\":{\"status\":307,\"header\":{\"Location\":[\"" + HREF + "\"]}}}", 307, null, Map.of("Location", List.of(HREF))),
			Arguments.of("resource and 307 in call", nul, call, "{\"resource\":{\"rid\":\"test.redirect\"},\"meta\":{\"status\":307}}", 307, null, Map.of("Location", List.of("/api/test/redirect"))),
			Arguments.of("result and 307 in call", nul, call, "{\"result\":{\"foo\":1},\"meta\":{\"status\":307}}", 307, null, Map.of("Location", List.of())),
			Arguments.of("407 with custom error in call", nul, call, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", 407, CUSTOM, Map.of()),
			Arguments.of("507 with custom error in call", nul, call, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":507}}", 507, CUSTOM, Map.of()),
			Arguments.of("error status and header in call", nul, call, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407,\"header\":{\"Test-Header\":[\"foo\"]}}}", 407, CUSTOM, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("custom header in access", nul, "{\"result\":{\"call\":\"method\"},\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", nul, 204, null, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("call header overrides access header", nul, "{\"result\":{\"call\":\"method\"},\"meta\":{\"header\":{\"Test-Header\":[\"bar\"]}}}", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", 204, null, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("auth, access and call headers", "{\"result\":null,\"meta\":{\"header\":{\"Test-Auth\":[\"foo\"]}}}", "{\"result\":{\"call\":\"method\"},\"meta\":{\"header\":{\"Test-Access\":[\"bar\"]}}}", "{\"result\":null,\"meta\":{\"header\":{\"Test-Call\":[\"baz\"]}}}", 204, null,
					Map.of("Test-Auth", List.of("foo"), "Test-Access", List.of("bar"), "Test-Call", List.of("baz"))),
			Arguments.of("call header overrides auth header", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", call, "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"baz\"]}}}", 204, null, Map.of("Test-Header", List.of("baz"))),
			Arguments.of("Set-Cookie in auth, access and call", "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", "{\"result\":{\"call\":\"method\"},\"meta\":{\"header\":{\"Set-Cookie\":[\"id=bar; Max-Age=43200\"]}}}", "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=baz; Max-Age=21600\"]}}}", 204, null,
					Map.of("Set-Cookie", List.of("id=foo; Max-Age=86400", "id=bar; Max-Age=43200", "id=baz; Max-Age=21600"))),
			Arguments.of("307 in access", nul, "{\"result\":{\"call\":\"method\"},\"meta\":{\"status\":307,\"header\":{\"Location\":[\"" + HREF + "\"]}}}", null, 307, null, Map.of("Location", List.of(HREF))),
			Arguments.of("resource in auth and 307 in access", "{\"resource\":{\"rid\":\"test.redirect\"}}", "{\"result\":{\"call\":\"method\"},\"meta\":{\"status\":307}}", null, 307, null, Map.of("Location", List.of())),
			Arguments.of("407 with custom error in access", nul, "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", null, 407, CUSTOM, Map.of()),
			Arguments.of("header in auth, error status in access", "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", "{\"error\":" + CUSTOM + ",\"meta\":{\"status\":407}}", null, 407, CUSTOM, Map.of("Test-Header", List.of("foo"))),
			Arguments.of("protected headers in call", nul, call, "{\"result\":null,\"meta\":{\"header\":{\"Sec-Websocket-Extensions\":[\"foo\"],\"Sec-Websocket-Protocol\":[\"foo\"],\"Access-Control-Allow-Credentials\":[\"foo\"],\"Access-Control-Allow-Origin\":[\"foo\"],\"Content-Type\":[\"text/html; charset=utf-8\"]}}}", 204, null,
					Map.of("Sec-Websocket-Extensions", List.of(), "Sec-Websocket-Protocol", List.of(), "Access-Control-Allow-Credentials", List.of("true"), "Access-Control-Allow-Origin", List.of(ORIGIN), "Content-Type", List.of())),
			Arguments.of("206 in call ignored", nul, call, "{\"result\":null,\"meta\":{\"status\":206}}", 204, null, Map.of()),
			Arguments.of("601 in call ignored", nul, call, "{\"result\":null,\"meta\":{\"status\":601}}", 204, null, Map.of()),
			Arguments.of("206 in access ignored", nul, "{\"result\":{\"call\":\"method\"},\"meta\":{\"status\":206}}", nul, 204, null, Map.of()),
			Arguments.of("601 in access ignored", nul, "{\"result\":{\"call\":\"method\"},\"meta\":{\"status\":601}}", nul, 204, null, Map.of()));
	}

	@ParameterizedTest(name = "POST: {0}")
	@MethodSource
	void postMeta(String name, String auth, String access, String callResponse, int status, String body,
			Map<String, List<String>> headers) {
		ApiClient.Pending p = api.post("/api/test/model/method", null, "Origin", ORIGIN);
		service.next("auth.vault.method").assertField("isHttp", "true").respond(auth);
		service.next("access.test.model").assertField("isHttp", "true").respond(access);
		if (callResponse != null) {
			service.next("call.test.model.method").assertField("isHttp", "true").respond(callResponse);
		}
		else {
			service.assertNoRequest(Duration.ofMillis(50));
		}
		assertMeta(p.response(), status, body, headers);
	}

	private static void assertMeta(ApiClient.Response r, int status, String body, Map<String, List<String>> headers) {
		r.assertStatus(status).assertBody(body);
		headers.forEach((k, v) -> assertThat(r.header(k)).as("header %s", k).containsExactlyElementsOf(v));
	}

	// --- Meta status without error --------------------------------------------------------

	@ParameterizedTest(name = "status {0}")
	@CsvSource({ "401,system.accessDenied,Access denied", "402,system.accessDenied,Access denied",
			"407,system.accessDenied,Access denied", "403,system.forbidden,Forbidden", "451,system.forbidden,Forbidden",
			"410,system.notFound,Not found", "404,system.notFound,Not found",
			"405,system.methodNotAllowed,Method not allowed", "408,system.timeout,Request timeout",
			"400,system.badRequest,Bad request", "406,system.badRequest,Bad request", "409,system.badRequest,Bad request",
			"411,system.badRequest,Bad request", "501,system.notImplemented,Not implemented",
			"503,system.serviceUnavailable,Service unavailable", "504,system.timeout,Request timeout",
			"500,system.internalError,Internal error", "505,system.internalError,Internal error",
			"506,system.internalError,Internal error", "507,system.internalError,Internal error",
			"508,system.internalError,Internal error", "511,system.internalError,Internal error" })
	void metaStatusInAuthGivesAnError(int status, String code, String message) {
		ApiClient.Pending p = api.get("/api/test/model");
		service.next("auth.vault.method").respond("{\"result\":null,\"meta\":{\"status\":" + status + "}}");
		p.response().assertStatus(status).assertError(code, message);
		service.assertNoRequest(Duration.ofMillis(50));
	}

	// --- Meta on the WebSocket upgrade ----------------------------------------------------

	@ParameterizedTest(name = "upgrade answered {1}")
	@CsvSource(delimiter = '|', value = {
		"{\"resource\":{\"rid\":\"test.redirect?q=a\"},\"meta\":{\"status\":307}}|307|/api/test/redirect%3Fq=a",
		"{\"result\":null,\"meta\":{\"status\":302,\"header\":{\"location\":[\"" + HREF + "\"]}}}|302|" + HREF,
		"{\"result\":null,\"meta\":{\"status\":402}}|402|",
		"{\"result\":null,\"meta\":{\"status\":599}}|599|" })
	void metaStatusOnWebSocketUpgrade(String authResponse, int status, String location) throws Exception {
		java.util.concurrent.CompletableFuture<java.net.http.WebSocket> ws = java.net.http.HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(app().wsUri(), new java.net.http.WebSocket.Listener() {
			});
		service.next("auth.vault.ws").assertField("isHttp", "true").respond(authResponse);
		Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> ws.get(10, java.util.concurrent.TimeUnit.SECONDS));
		assertThat(failure).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
		java.net.http.HttpResponse<?> r = ((java.net.http.WebSocketHandshakeException) failure.getCause()).getResponse();
		assertThat(r.statusCode()).isEqualTo(status);
		if (location != null) {
			assertThat(r.headers().allValues("Location")).containsExactly(location);
		}
	}

	private static tools.jackson.databind.JsonNode json(String s) {
		return ScriptedService.CODEC.tree(s.getBytes());
	}
}
