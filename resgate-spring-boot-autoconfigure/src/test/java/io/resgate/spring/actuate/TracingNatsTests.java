package io.resgate.spring.actuate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.resgate.spring.gateway.WsTestClient;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRef;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.test.NatsServerExtension;
import io.resgate.spring.test.TestTracing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the client through the gateway and a real nats-server to the service's handler and the
 * events it publishes: an application running gateway and service on NATS, with Micrometer's in-memory
 * tracer (the application has a tracer, so it observes without being told to). A raw NATS subscriber reads
 * the {@code traceparent} header of the gateway's requests.
 */
class TracingNatsTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private static final TestTracing tracing = new TestTracing();

	private static ConfigurableApplicationContext app;

	private static int port;

	private Connection raw;

	private final Queue<Message> seen = new ConcurrentLinkedQueue<>();

	/** @return the in-memory tracer of the {@link TracedApp} */
	static TestTracing tracing() {
		return tracing;
	}

	@BeforeAll
	static void start() {
		app = new SpringApplicationBuilder(TracedApp.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "resgate.nats.url=" + nats.url(),
					"resgate.cache.unsubscribe-delay=0s")
			.run();
		port = ((WebServerApplicationContext) app).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@BeforeEach
	void listen() throws Exception {
		raw = Nats.connect(nats.url());
		Dispatcher d = raw.createDispatcher(seen::add);
		d.subscribe("access.trace.>");
		d.subscribe("get.trace.>");
		d.subscribe("call.trace.>");
		d.subscribe("event.trace.>");
		raw.flush(Duration.ofSeconds(5));
	}

	@AfterEach
	void close() throws InterruptedException {
		raw.close();
	}

	/** Waits for a message on a subject; messages on other subjects stay for later calls. */
	private Message next(String subject) {
		Message[] found = new Message[1];
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			for (Message m : seen) {
				if (m.getSubject().equals(subject) && seen.remove(m)) {
					found[0] = m;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	private static String traceparent(Message m) {
		assertThat(m.hasHeaders()).as("headers of " + m.getSubject()).isTrue();
		String value = m.getHeaders().getFirst(TestTracing.TRACEPARENT);
		assertThat(value).as("traceparent of " + m.getSubject()).isNotNull();
		return value;
	}

	@Test
	void oneTraceFromTheWebSocketRequestToTheServiceHandler() throws Exception {
		try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"))) {
			assertThat(ws.request("subscribe.trace.model.a", null).at("/result/models/trace.model.a/id").asString())
				.isEqualTo("a");
		}
		SimpleSpan request = tracing.awaitSpan("subscribe",
				s -> "trace.model.a".equals(s.getTags().get("resgate.resource")));
		assertThat(request.getTags()).containsEntry("resgate.transport", "websocket")
			.containsEntry("resgate.outcome", "success");
		String trace = request.getTraceId();
		assertThat(trace).isNotEmpty();

		SimpleSpan access = tracing.awaitSpan("service access", s -> s.getTraceId().equals(trace));
		SimpleSpan get = tracing.awaitSpan("service get", s -> s.getTraceId().equals(trace));
		assertThat(access.getParentId()).isEqualTo(request.getSpanId());
		assertThat(get.getParentId()).isEqualTo(request.getSpanId());
		assertThat(get.getTags()).containsEntry("resgate.outcome", "success")
			.containsEntry("messaging.destination.name", "get.trace.model.a");

		SimpleSpan handler = tracing.awaitSpan("handle get", s -> s.getTraceId().equals(trace));
		assertThat(handler.getParentId()).isEqualTo(get.getSpanId());
		assertThat(tracing.awaitSpan("handle access", s -> s.getTraceId().equals(trace)).getParentId())
			.isEqualTo(access.getSpanId());

		// what went over NATS
		String sent = traceparent(next("get.trace.model.a"));
		assertThat(TestTracing.traceId(sent)).isEqualTo(trace);
		assertThat(TestTracing.spanId(sent)).isEqualTo(get.getSpanId());
	}

	@Test
	void theGetRequestsOfReferencesAreInTheTraceOfTheClientRequest() throws Exception {
		String trace = "5bf92f3577b34da6a3ce929d0e0e4737";
		try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"),
				TestTracing.TRACEPARENT, "00-" + trace + "-00f067aa0ba902b7-01")) {
			assertThat(ws.request("subscribe.trace.model.parent", null).at("/result/models/trace.model.child/id")
				.asString()).isEqualTo("child");
		}
		assertThat(TestTracing.traceId(traceparent(next("get.trace.model.parent")))).isEqualTo(trace);
		assertThat(TestTracing.traceId(traceparent(next("get.trace.model.child")))).isEqualTo(trace);
		SimpleSpan request = tracing.awaitSpan("subscribe", s -> s.getTraceId().equals(trace));
		SimpleSpan child = tracing.awaitSpan("service get",
				s -> "get.trace.model.child".equals(s.getTags().get("messaging.destination.name")));
		assertThat(child.getTraceId()).isEqualTo(trace);
		assertThat(child.getParentId()).isEqualTo(request.getSpanId());
	}

	@Test
	void aTraceparentOnTheWebSocketUpgradeIsContinuedByEveryRequest() throws Exception {
		String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
		try (WsTestClient ws = WsTestClient.connect(URI.create("ws://127.0.0.1:" + port + "/"),
				TestTracing.TRACEPARENT, "00-" + trace + "-00f067aa0ba902b7-01")) {
			assertThat(ws.request("get.trace.model.b", null).get("result")).isNotNull();
			assertThat(ws.request("call.trace.model.b.set", Map.of("n", 1)).get("result")).isNotNull();
		}
		assertThat(TestTracing.traceId(traceparent(next("access.trace.model.b")))).isEqualTo(trace);
		assertThat(TestTracing.traceId(traceparent(next("get.trace.model.b")))).isEqualTo(trace);
		assertThat(TestTracing.traceId(traceparent(next("call.trace.model.b.set")))).isEqualTo(trace);
		// the event the call handler published continues the trace too
		assertThat(TestTracing.traceId(traceparent(next("event.trace.model.b.change")))).isEqualTo(trace);
		SimpleSpan call = tracing.awaitSpan("call", s -> s.getTraceId().equals(trace));
		assertThat(call.getParentId()).isEqualTo("00f067aa0ba902b7");
	}

	@Test
	void aTraceparentOnAnHttpRequestIsContinuedInTheNatsRequests() throws Exception {
		String trace = "0af7651916cd43dd8448eb211c80319c";
		HttpResponse<String> r = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/trace/model/c"))
				.header(TestTracing.TRACEPARENT, "00-" + trace + "-b7ad6b7169203331-01")
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(TestTracing.traceId(traceparent(next("access.trace.model.c")))).isEqualTo(trace);
		assertThat(TestTracing.traceId(traceparent(next("get.trace.model.c")))).isEqualTo(trace);
		SimpleSpan request = tracing.awaitSpan("get", s -> s.getTraceId().equals(trace)
				&& "http".equals(s.getTags().get("resgate.transport")));
		assertThat(request.getTags()).containsEntry("resgate.resource", "trace.model.c")
			.containsEntry("http.response.status_code", "200");
		assertThat(tracing.awaitSpan("handle get", s -> s.getTraceId().equals(trace))).isNotNull();
	}

	/** Gateway and service in one application on NATS, with an in-memory tracer. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApp {

		@Bean
		ObservationRegistry observationRegistry() {
			return tracing.registry();
		}

		@Bean
		Tracer tracer() {
			return tracing.tracer();
		}

		@Bean
		TracedModel tracedModel(ResEvents events) {
			return new TracedModel(events);
		}
	}

	/** A model anyone may read, whose call publishes a change. */
	@ResModel("trace.model.$id")
	static class TracedModel {

		private final ResEvents events;

		TracedModel(ResEvents events) {
			this.events = events;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return id.equals("parent") ? Map.of("id", id, "child", ResRef.of("trace.model.child"))
					: Map.of("id", id);
		}

		@ResCall("set")
		void set(@PathParam String id) {
			events.change("trace.model." + id, Map.of("n", 2));
		}
	}
}
