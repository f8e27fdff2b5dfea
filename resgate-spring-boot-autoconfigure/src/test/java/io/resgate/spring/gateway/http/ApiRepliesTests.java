package io.resgate.spring.gateway.http;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.resgate.spring.gateway.http.ApiReplies.Outcome;
import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiRepliesTests {

	private static final String CUSTOM = "{\"code\":\"system.custom\",\"message\":\"Custom\"}";

	private final ApiReplies replies = new ApiReplies(ApiEncoder.of("json", new ApiPath("/api"), new ResCodec()));

	private HttpReply complete(Outcome outcome, String method) {
		HttpReply reply = new HttpReply();
		replies.complete(reply, outcome, method);
		return reply;
	}

	private static String body(HttpReply reply) {
		return (reply.body() == null) ? null : new String(reply.body(), StandardCharsets.UTF_8);
	}

	@Test
	void bodyIs200() {
		HttpReply r = complete(new Outcome("{\"a\":1}".getBytes(), null, null, null), "GET");
		assertThat(r.status()).isEqualTo(200);
		assertThat(body(r)).isEqualTo("{\"a\":1}");
		assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
	}

	@Test
	void noBodyIs204() {
		HttpReply r = complete(new Outcome(null, null, null, null), "POST");
		assertThat(r.status()).isEqualTo(204);
		assertThat(r.body()).isNull();
		assertThat(r.hasHeader("Content-Type")).isFalse();
	}

	@Test
	void resourceResponseIs200WithLocationAndNoBody() {
		HttpReply r = complete(new Outcome(null, "/api/test/model", null, null), "POST");
		assertThat(r.status()).isEqualTo(200);
		assertThat(r.header("Location")).isEqualTo("/api/test/model");
		assertThat(r.body()).isNull();
	}

	@Test
	void errorGetsItsStatus() {
		HttpReply r = complete(new Outcome(null, null, ResError.ACCESS_DENIED, null), "POST");
		assertThat(r.status()).isEqualTo(401);
		assertThat(body(r)).isEqualTo("{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}");
	}

	@ParameterizedTest
	@ValueSource(strings = { "PUT", "DELETE", "PATCH" })
	void methodNotFoundOnMappedMethodIs405(String method) {
		HttpReply r = complete(new Outcome(null, null, ResError.METHOD_NOT_FOUND, null), method);
		assertThat(r.status()).isEqualTo(405);
		assertThat(body(r)).isEqualTo("{\"code\":\"system.methodNotAllowed\",\"message\":\"Method not allowed\"}");
	}

	@Test
	void methodNotFoundOnPostIs404() {
		assertThat(complete(new Outcome(null, null, ResError.METHOD_NOT_FOUND, null), "POST").status()).isEqualTo(404);
	}

	@Test
	void metaHeadersAreMerged() {
		Meta meta = new Meta(null, Map.of("test-header", List.of("foo"), "Content-Type", List.of("text/html")));
		HttpReply r = complete(new Outcome(null, null, null, meta), "POST");
		assertThat(r.status()).isEqualTo(204);
		assertThat(r.headers().get("Test-Header")).containsExactly("foo");
		assertThat(r.hasHeader("Content-Type")).isFalse();
	}

	@Test
	void redirectStatusUsesMetaLocation() {
		Meta meta = new Meta(307, Map.of("Location", List.of("http://example.com/test/ref")));
		HttpReply r = complete(new Outcome(null, "/api/test/redirect", null, meta), "POST");
		assertThat(r.status()).isEqualTo(307);
		assertThat(r.header("Location")).isEqualTo("http://example.com/test/ref");
		assertThat(r.body()).isNull();
	}

	@Test
	void redirectStatusUsesResourceLocation() {
		HttpReply r = complete(new Outcome(null, "/api/test/redirect", null, new Meta(307, null)), "POST");
		assertThat(r.status()).isEqualTo(307);
		assertThat(r.header("Location")).isEqualTo("/api/test/redirect");
	}

	@Test
	void redirectWithoutLocation() {
		HttpReply r = complete(new Outcome("{}".getBytes(), null, null, new Meta(307, null)), "GET");
		assertThat(r.status()).isEqualTo(307);
		assertThat(r.hasHeader("Location")).isFalse();
		assertThat(r.body()).isNull();
	}

	@Test
	void errorStatusWithCustomError() {
		Meta meta = new Meta(407, Map.of("Test-Header", List.of("foo")));
		HttpReply r = complete(new Outcome(null, null, new ResError("system.custom", "Custom"), meta), "GET");
		assertThat(r.status()).isEqualTo(407);
		assertThat(body(r)).isEqualTo(CUSTOM);
		assertThat(r.header("Test-Header")).isEqualTo("foo");
	}

	@Test
	void errorStatusWithoutErrorDerivesOne() {
		HttpReply r = complete(new Outcome("{}".getBytes(), null, null, new Meta(503, null)), "GET");
		assertThat(r.status()).isEqualTo(503);
		assertThat(body(r)).isEqualTo("{\"code\":\"system.serviceUnavailable\",\"message\":\"Service unavailable\"}");
	}

	@ParameterizedTest
	@ValueSource(ints = { 206, 601, 200, 100 })
	void invalidStatusIsIgnored(int status) {
		HttpReply r = complete(new Outcome(null, null, null, new Meta(status, Map.of("X", List.of("y")))), "POST");
		assertThat(r.status()).isEqualTo(204);
		assertThat(r.header("X")).isEqualTo("y");
	}

	@Test
	void notFound() {
		HttpReply r = new HttpReply();
		replies.notFound(r);
		assertThat(r.status()).isEqualTo(404);
		assertThat(body(r)).isEqualTo("{\"code\":\"system.notFound\",\"message\":\"Not found\"}");
	}
}
