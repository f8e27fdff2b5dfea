package io.resgate.spring.gateway.http;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CorsPolicyTests {

	private static final String METHODS = "GET, HEAD, OPTIONS, POST";

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NULL", value = {
		// origin | allow-origin | expected Access-Control-Allow-Origin | Vary | forbidden
		"http://localhost|*|*|NULL|false",
		"http://localhost|http://localhost|http://localhost|Origin|false",
		"https://resgate.io|http://localhost;https://resgate.io|https://resgate.io|Origin|false",
		"HTTPS://Resgate.IO|http://localhost,https://resgate.io|HTTPS://Resgate.IO|Origin|false",
		"http://example.com|https://resgate.io;http://localhost|http://localhost|Origin|true",
		"NULL|*|*|NULL|false",
		"NULL|http://localhost|NULL|NULL|false",
		"null|http://localhost|NULL|NULL|false",
	})
	void originRules(String origin, String allowOrigin, String expectedAllowOrigin, String vary, boolean forbidden) {
		CorsPolicy cors = new CorsPolicy(List.of(allowOrigin.split(",")), false, METHODS);
		HttpReply reply = new HttpReply();
		assertThat(cors.apply(origin, reply)).isEqualTo(forbidden ? HttpErrors.FORBIDDEN_ORIGIN : null);
		assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(expectedAllowOrigin);
		assertThat(reply.header("Vary")).isEqualTo(vary);
		assertThat(reply.hasHeader("Access-Control-Allow-Credentials")).isFalse();
	}

	@Test
	void credentialsWithHeaderAuth() {
		HttpReply reply = new HttpReply();
		new CorsPolicy(List.of("*"), true, METHODS).apply("http://x", reply);
		assertThat(reply.header("Access-Control-Allow-Credentials")).isEqualTo("true");
	}

	@Test
	void preflight() {
		CorsPolicy cors = new CorsPolicy(List.of("*"), false, METHODS + ", PUT");
		HttpReply reply = new HttpReply();
		cors.applyPreflight(List.of("X-PINGOTHER", "Content-Type"), reply);
		assertThat(reply.header("Access-Control-Allow-Methods")).isEqualTo("GET, HEAD, OPTIONS, POST, PUT");
		assertThat(reply.header("Access-Control-Allow-Headers")).isEqualTo("X-PINGOTHER, Content-Type");
		HttpReply none = new HttpReply();
		cors.applyPreflight(List.of(), none);
		assertThat(none.hasHeader("Access-Control-Allow-Headers")).isFalse();
	}

	@Test
	void emptyListMeansAny() {
		assertThat(new CorsPolicy(List.of(), false, METHODS).allowOrigin()).containsExactly("*");
	}

	@ParameterizedTest
	@ValueSource(strings = { "*;http://localhost", "localhost", "http://localhost/path", "http://localhost?q=1",
			"http://user@localhost", "http://localhost#x", ";" })
	void invalidOriginsAreRefused(String allowOrigin) {
		assertThatIllegalArgumentException().isThrownBy(() -> new CorsPolicy(List.of(allowOrigin), false, METHODS));
	}
}
