package io.resgate.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;

import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's meters as Prometheus scrapes them from {@code /actuator/prometheus}, after WebSocket and HTTP
 * API traffic: request timers by type, outcome and transport (with the histogram buckets the application
 * asked for), service request timers, cache lookups, backlog gauges and the slow-client counters.
 */
class PrometheusScrapeTests {

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void start() {
		app = new SpringApplicationBuilder(ScrapedApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=prometheus",
					"management.metrics.distribution.percentiles-histogram.resgate.gateway.requests=true",
					"management.metrics.distribution.slo.resgate.gateway.service.requests=5ms,50ms")
			.run();
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void timersAndCountersOfWebSocketAndHttpTrafficAreScraped() throws Exception {
		try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"))) {
			assertThat(ws.request("subscribe.scrape.counter", null).get("result")).isNotNull();
			assertThat(ws.request("subscribe.scrape.counter", null).get("result")).isNotNull();
			assertThat(ws.request("call.scrape.counter.fail", null).get("error")).isNotNull();
		}
		assertThat(get("/api/scrape/counter").statusCode()).isEqualTo(200);
		assertThat(get("/api/scrape/missing").statusCode()).isEqualTo(404);

		String scrape = get("/actuator/prometheus").body();
		assertThat(scrape)
			.contains("resgate_gateway_requests_seconds_count{outcome=\"success\",transport=\"websocket\","
					+ "type=\"subscribe\"} 2")
			.contains("resgate_gateway_requests_seconds_count{outcome=\"error\",transport=\"websocket\","
					+ "type=\"call\"} 1")
			.contains("resgate_gateway_requests_seconds_count{outcome=\"success\",transport=\"http\",type=\"get\"} 1")
			.contains("resgate_gateway_requests_seconds_count{outcome=\"error\",transport=\"http\",type=\"get\"} 1")
			.contains("resgate_gateway_requests_seconds_bucket{outcome=\"success\",transport=\"http\",type=\"get\",le=")
			.contains("resgate_gateway_requests_seconds_sum{outcome=\"success\",transport=\"websocket\","
					+ "type=\"subscribe\"}")
			.doesNotContain("transport=\"http\",type=\"subscribe\"")
			.contains("resgate_gateway_service_requests_seconds_count{outcome=\"success\",type=\"access\"}")
			.contains("resgate_gateway_service_requests_seconds_count{outcome=\"success\",type=\"get\"}")
			.contains("resgate_gateway_service_requests_seconds_count{outcome=\"error\",type=\"call\"} 1")
			.contains("resgate_gateway_service_requests_seconds_bucket{outcome=\"success\",type=\"get\",le=\"0.005\"}")
			.contains("resgate_gateway_cache_lookups_total{result=\"miss\"}")
			.contains("resgate_gateway_cache_lookups_total{result=\"hit\"}")
			.contains("resgate_gateway_events_total ")
			.contains("resgate_gateway_events_conflated_total 0")
			.contains("resgate_gateway_events_resyncs_total 0")
			.contains("resgate_gateway_connections_stalled_total 0")
			.contains("resgate_gateway_outbound_backlog_bytes ")
			.contains("resgate_gateway_outbound_backlog_max_bytes ")
			.contains("resgate_service_requests_total{outcome=\"success\",type=\"get\"}");
		assertThat(value(scrape, "resgate_gateway_cache_lookups_total{result=\"miss\"}")).isGreaterThanOrEqualTo(2);
		assertThat(value(scrape, "resgate_gateway_cache_lookups_total{result=\"hit\"}")).isGreaterThanOrEqualTo(1);
	}

	private static double value(String scrape, String series) {
		return scrape.lines()
			.filter(l -> l.startsWith(series + " "))
			.mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + series));
	}

	private static HttpResponse<String> get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	/** Gateway and service in one application, on the in-process bus. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ScrapedApp {

		@Bean
		Counter counter() {
			return new Counter();
		}
	}

	/** A model every client may read, its missing sibling, and a call that fails. */
	@ResModel("scrape.$name")
	static class Counter {

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Optional<Map<String, Object>> get(@PathParam String name) {
			return name.equals("counter") ? Optional.of(Map.of("n", 1)) : Optional.empty();
		}

		@ResCall("fail")
		Object fail() {
			throw new IllegalStateException("fails on purpose");
		}
	}
}
