package io.resgate.spring.gateway.http;

import java.time.Duration;
import java.util.List;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.gateway.requests.GatewaySettings;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HttpApiSettingsTests {

	private static HttpApiSettings settings(String apiPath, String encoding, String headerAuth, List<String> origins,
			String put, String delete, String patch) {
		return new HttpApiSettings(apiPath, encoding, headerAuth, origins, put, delete, patch, 1024,
				Duration.ofSeconds(3));
	}

	@Test
	void methodsAndHeaderAuth() {
		HttpApiSettings s = settings("/api", "json", "auth.header", List.of("*"), "set", " ", "patch");
		assertThat(s.headerAuthRid()).isEqualTo("auth");
		assertThat(s.headerAuthMethod()).isEqualTo("header");
		assertThat(s.mappedMethod("PUT")).isEqualTo("set");
		assertThat(s.mappedMethod("DELETE")).isNull();
		assertThat(s.mappedMethod("PATCH")).isEqualTo("patch");
		assertThat(s.mappedMethod("POST")).isNull();
		assertThat(s.allowMethods()).isEqualTo("GET, HEAD, OPTIONS, POST, PUT, PATCH");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a.b", "a*", "a b", "a>" })
	void invalidMappedMethodIsRefused(String method) {
		assertThatIllegalArgumentException().isThrownBy(() -> settings("/api", "json", null, null, method, null, null))
			.withMessageContaining("resgate.put-method");
	}

	@ParameterizedTest
	@ValueSource(strings = { "header", "auth.", ".header", "auth..header", "auth.header?q=1", "a*.b" })
	void invalidHeaderAuthIsRefused(String headerAuth) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> settings("/api", "json", headerAuth, null, null, null, null))
			.withMessageContaining("resgate.header-auth");
	}

	@Test
	void invalidEncodingAndOriginStopTheHandler() {
		try (LocalMessaging messaging = new LocalMessaging();
				GatewayService gateway = new GatewayService(messaging, new ResCodec(), GatewaySettings.defaults())) {
			assertThatIllegalArgumentException().isThrownBy(() -> new ResgateApiHandler(gateway, new ResCodec(),
					settings("/api", "xml", null, null, null, null, null))).withMessageContaining("resgate.api-encoding");
			assertThatIllegalArgumentException().isThrownBy(() -> new ResgateApiHandler(gateway, new ResCodec(),
					settings("/api", "json", null, List.of("localhost"), null, null, null)))
				.withMessageContaining("resgate.allow-origin");
		}
	}

	@Test
	void mappingTakesEveryMethodUnderTheApiPathOnly() {
		try (LocalMessaging messaging = new LocalMessaging();
				GatewayService gateway = new GatewayService(messaging, new ResCodec(), GatewaySettings.defaults())) {
			ResgateApiHandler handler = new ResgateApiHandler(gateway, new ResCodec(),
					settings("/rest/v1/", "json", null, null, null, null, null));
			ResgateApiHandlerMapping mapping = new ResgateApiHandlerMapping(handler, 0);
			for (String method : List.of("GET", "POST", "OPTIONS", "PUT", "PROPFIND")) {
				assertThat(mapping.getHandler(new MockHttpServletRequest(method, "/rest/v1/a/b"))).isNotNull();
			}
			assertThat(mapping.getHandler(new MockHttpServletRequest("GET", "/rest/v1"))).isNotNull();
			assertThat(mapping.getHandler(new MockHttpServletRequest("GET", "/rest/v2/a"))).isNull();
			assertThat(mapping.getHandler(new MockHttpServletRequest("GET", "/api/a"))).isNull();
			MockHttpServletRequest withContext = new MockHttpServletRequest("GET", "/app/rest/v1/a");
			withContext.setContextPath("/app");
			assertThat(mapping.getHandler(withContext)).isNotNull();
		}
	}
}
