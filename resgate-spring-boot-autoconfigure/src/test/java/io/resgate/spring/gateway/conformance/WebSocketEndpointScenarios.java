package io.resgate.spring.gateway.conformance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket endpoint itself: upgrade requests only at {@code resgate.ws-path} (so a page may be
 * served on the same path), and per-message compression only when {@code resgate.ws-compression}
 * allows it.
 */
class WebSocketEndpointScenarios extends ConformanceTest {

	@Test
	void plainHttpRequestOnWebSocketPathIsNotTakenByTheGateway() throws Exception {
		Scenario s = scenario(Transport.NATS);
		URI http = URI.create("http://127.0.0.1:" + s.gateway().port() + "/");
		HttpResponse<String> resp = s.gateway().http()
			.send(HttpRequest.newBuilder(http).GET().build(), HttpResponse.BodyHandlers.ofString());
		// nothing else is mapped at / in this application: not found, rather than a refused upgrade
		assertThat(resp.statusCode()).as("status of a plain GET / : " + resp.body()).isEqualTo(404);
		s.subscribe(s.connect(), "test.model");
	}

	@Test
	void upgradeWorksWithQueryString() throws Exception {
		Scenario s = scenario(Transport.NATS);
		RawHandshake r = RawHandshake.upgrade(URI.create("ws://127.0.0.1:" + s.gateway().port() + "/?foo=bar"), Map.of());
		assertThat(r.status()).isEqualTo(101);
	}

	@Test
	void compressionNotOfferedByDefault() throws Exception {
		Scenario s = scenario(Transport.NATS);
		RawHandshake r = RawHandshake.upgrade(s.gateway().wsUri(), Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
		assertThat(r.status()).isEqualTo(101);
		assertThat(String.join(",", r.header("Sec-WebSocket-Extensions"))).doesNotContain("permessage-deflate");
	}

	@Test
	void compressionAcceptedWhenEnabled() throws Exception {
		Scenario s = scenario(Transport.NATS, GatewayProfile.COMPRESSION);
		RawHandshake r = RawHandshake.upgrade(s.gateway().wsUri(), Map.of("Sec-WebSocket-Extensions", "permessage-deflate"));
		assertThat(r.status()).isEqualTo(101);
		assertThat(String.join(",", r.header("Sec-WebSocket-Extensions"))).contains("permessage-deflate");
		// and an uncompressed client still works
		s.subscribe(s.connect(), "test.model");
	}
}
