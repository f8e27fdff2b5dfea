package io.resgate.spring.gateway.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meta of a WebSocket header auth reply shapes the handshake response: headers are set
 * ({@code Set-Cookie} added), protected headers are not, a 4XX/5XX status refuses the upgrade, and
 * statuses without defined behaviour are ignored.
 */
class HandshakeMetaScenarios extends ConformanceTest {

	static Stream<Arguments> metas() {
		String custom = "{\"code\":\"system.custom\",\"message\":\"Custom\"}";
		Object[][] rows = {
				{ "{\"result\":null,\"meta\":{\"header\":{\"Test-Header\":[\"foo\"]}}}", 101, "Test-Header", "foo" },
				{ "{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"id=foo; Max-Age=86400\"]}}}", 101, "Set-Cookie",
						"id=foo; Max-Age=86400" },
				{ "{\"error\":" + custom + ",\"meta\":{\"status\":407}}", 407, null, null },
				{ "{\"error\":" + custom + ",\"meta\":{\"status\":507}}", 507, null, null },
				{ "{\"result\":null,\"meta\":{\"header\":{\"Sec-Websocket-Extensions\":[\"foo\"],\"Sec-Websocket-Protocol\":[\"foo\"],"
						+ "\"Access-Control-Allow-Credentials\":[\"foo\"],\"Access-Control-Allow-Origin\":[\"foo\"],"
						+ "\"Content-Type\":[\"text/html; charset=utf-8\"]}}}", 101, "PROTECTED", null },
				{ "{\"result\":null,\"meta\":{\"status\":206}}", 101, null, null },
				{ "{\"result\":null,\"meta\":{\"status\":601}}", 101, null, null },
				{ "{\"result\":null}", 101, null, null } };
		List<Arguments> out = new ArrayList<>();
		for (int i = 0; i < rows.length; i++) {
			for (Transport t : Transport.values()) {
				out.add(Arguments.of(t, i + 1, rows[i][0], rows[i][1], rows[i][2], rows[i][3]));
			}
		}
		return out.stream();
	}

	@ParameterizedTest(name = "[{index}] {0} row {1}: {2} -> {3}")
	@MethodSource("metas")
	void headerAuthMetaShapesHandshake(Transport transport, int row, String reply, int status, String header, String value)
			throws Exception {
		Scenario s = scenario(transport, GatewayProfile.WS_HEADER_AUTH);
		s.service().listen("auth.wsauth.header");
		CompletableFuture<RawHandshake> handshake = CompletableFuture.supplyAsync(() -> {
			try {
				return RawHandshake.upgrade(s.gateway().wsUri(), Map.of("Origin", "http://example.com"));
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		ServiceRequest auth = s.service().awaitRequest("auth.wsauth.header");
		auth.assertPath("isHttp", "true");
		auth.respondRaw(reply);
		RawHandshake r = handshake.get(10, java.util.concurrent.TimeUnit.SECONDS);
		assertThat(r.status()).as("status of " + r).isEqualTo(status);
		if ("PROTECTED".equals(header)) {
			assertThat(r.header("Sec-Websocket-Extensions")).doesNotContain("foo");
			assertThat(r.header("Sec-Websocket-Protocol")).doesNotContain("foo");
			assertThat(r.header("Access-Control-Allow-Credentials")).doesNotContain("foo");
			assertThat(r.header("Access-Control-Allow-Origin")).doesNotContain("foo");
			assertThat(r.header("Content-Type")).doesNotContain("text/html; charset=utf-8");
		}
		else if (header != null) {
			assertThat(r.header(header)).as(header + " in " + r).contains(value);
		}
	}
}
