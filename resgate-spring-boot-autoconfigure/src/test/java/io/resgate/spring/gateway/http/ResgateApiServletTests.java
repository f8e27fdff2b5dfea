package io.resgate.spring.gateway.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateApiServletTests {

	@Test
	void apiPathIsMappedWithEverythingUnderIt() {
		assertThat(ResgateApiServlet.urlMappings("/api", "/")).containsExactly("/api/*");
		assertThat(ResgateApiServlet.urlMappings("/api/", "/ws")).containsExactly("/api/*");
		assertThat(ResgateApiServlet.urlMappings("rest/v1", "/")).containsExactly("/rest/v1/*");
		assertThat(ResgateApiServlet.urlMappings("/api", "/apiws")).containsExactly("/api/*");
	}

	@Test
	void noServletWhereItWouldTakeOtherRequests() {
		// The API at the root would take the WebSocket upgrades and every page of the application.
		assertThat(ResgateApiServlet.urlMappings("/", "/ws")).isEmpty();
		assertThat(ResgateApiServlet.urlMappings("", "/ws")).isEmpty();
		// WebSocket upgrades under the API path are Spring MVC's.
		assertThat(ResgateApiServlet.urlMappings("/api", "/api/ws")).isEmpty();
		assertThat(ResgateApiServlet.urlMappings("/api", "/api")).isEmpty();
	}
}
