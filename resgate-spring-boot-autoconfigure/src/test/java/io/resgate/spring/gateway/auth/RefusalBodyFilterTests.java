package io.resgate.spring.gateway.auth;

import io.resgate.spring.protocol.ResCodec;
import jakarta.servlet.FilterChain;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A bodiless refusal on the gateway's paths gets a RES error body; anything else is left alone. */
class RefusalBodyFilterTests {

	private final RefusalBodyFilter filter = new RefusalBodyFilter(new ResCodec(), "/ws", "/api");

	@Test
	void aBodiless401OnTheApiGetsAccessDenied() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/api/account/jane"),
				(req, res) -> ((MockHttpServletResponse) unwrap(res)).setStatus(401));
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(response.getContentAsString())
			.isEqualTo("{\"code\":\"system.accessDenied\",\"message\":\"Access denied\"}");
		assertThat(response.getContentType()).startsWith("application/json");
	}

	@Test
	void aBodiless403OnTheWebSocketUpgradeGetsForbidden() throws Exception {
		MockHttpServletRequest upgrade = new MockHttpServletRequest("GET", "/ws");
		upgrade.addHeader("Upgrade", "websocket");
		MockHttpServletResponse response = run(upgrade,
				(req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(403));
		assertThat(response.getContentAsString()).contains("\"code\":\"system.forbidden\"");
	}

	@Test
	void aRefusalWithABodyIsLeftAsItIs() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/api/x"), (req, res) -> {
			((jakarta.servlet.http.HttpServletResponse) res).setStatus(401);
			res.getWriter().write("mine");
		});
		assertThat(response.getContentAsString()).isEqualTo("mine");
	}

	@Test
	void aSentErrorIsLeftToTheContainersErrorReport() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/api/x"),
				(req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).sendError(401));
		assertThat(response.getContentAsString()).isEmpty();
	}

	@Test
	void otherPathsAndPlainRequestsOnTheWebSocketPathAreLeftAlone() throws Exception {
		FilterChain unauthorized = (req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(401);
		assertThat(run(new MockHttpServletRequest("GET", "/login"), unauthorized).getContentAsString()).isEmpty();
		assertThat(run(new MockHttpServletRequest("GET", "/ws"), unauthorized).getContentAsString()).isEmpty();
		assertThat(run(new MockHttpServletRequest("GET", "/apiary"), unauthorized).getContentAsString()).isEmpty();
	}

	@Test
	void successIsLeftAlone() throws Exception {
		MockHttpServletResponse response = run(new MockHttpServletRequest("GET", "/api/x"), (req, res) -> {
		});
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentAsString()).isEmpty();
	}

	private MockHttpServletResponse run(MockHttpServletRequest request, FilterChain chain) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		filter.doFilter(request, response, chain);
		return response;
	}

	private static Object unwrap(Object response) {
		return (response instanceof jakarta.servlet.ServletResponseWrapper w) ? w.getResponse() : response;
	}
}
