package io.resgate.spring.actuate;

import java.net.URI;

import io.micrometer.tracing.test.simple.SimpleSpan;
import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.test.TestTracing;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same trace from client to service handler on the in-process bus, whose messages carry the headers
 * as NATS does.
 */
class TracingLocalTests {

	@Test
	void oneTraceFromTheClientRequestToTheServiceHandlerOnTheInProcessBus() {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TracingNatsTests.TracedApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off")
			.run()) {
			int port = ((WebServerApplicationContext) app).getWebServer().getPort();
			String trace = "6bf92f3577b34da6a3ce929d0e0e4738";
			try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"),
					TestTracing.TRACEPARENT, "00-" + trace + "-00f067aa0ba902b7-01")) {
				assertThat(ws.request("subscribe.trace.model.local", null).get("result")).isNotNull();
			}
			TestTracing tracing = TracingNatsTests.tracing();
			SimpleSpan request = tracing.awaitSpan("subscribe", s -> s.getTraceId().equals(trace));
			SimpleSpan get = tracing.awaitSpan("service get", s -> s.getTraceId().equals(trace));
			SimpleSpan handler = tracing.awaitSpan("handle get", s -> s.getTraceId().equals(trace));
			assertThat(get.getParentId()).isEqualTo(request.getSpanId());
			assertThat(handler.getParentId()).isEqualTo(get.getSpanId());
		}
	}
}
