package io.resgate.spring.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.test.TestTracing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service side continues the trace of a request's {@code traceparent} header into the handler's span,
 * and the events it publishes carry that trace on.
 */
class ServiceTracingTests {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String PARENT = "00f067aa0ba902b7";

	private final TestTracing tracing = new TestTracing();

	private final LocalMessaging bus = new LocalMessaging();

	private final ResServiceRegistry registry = ResServiceRegistry.builder(bus, new ResCodec())
		.observationRegistry(tracing.registry())
		.build();

	private final BlockingQueue<Message> events = new LinkedBlockingQueue<>();

	ServiceTracingTests() {
		registry.register(new Traced(registry.events()));
		registry.start();
		bus.subscribe("event.traced.>", events::add);
	}

	@AfterEach
	void stop() {
		registry.shutdown();
		bus.close();
	}

	private byte[] request(String subject, String payload, Map<String, String> headers) throws Exception {
		return bus.request(subject, payload.getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(5), headers)
			.get(5, TimeUnit.SECONDS);
	}

	@Test
	void handlerSpanContinuesTheTraceOfTheRequestHeader() throws Exception {
		String reply = new String(request("get.traced.model.1", "{}",
				Map.of(TestTracing.TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01")), StandardCharsets.UTF_8);
		assertThat(reply).contains("\"model\"");
		SimpleSpan span = tracing.awaitSpan("handle get", s -> true);
		assertThat(span.getTraceId()).isEqualTo(TRACE);
		assertThat(span.getParentId()).isEqualTo(PARENT);
		assertThat(span.getTags()).containsEntry("resgate.request.type", "get")
			.containsEntry("resgate.outcome", "success")
			.containsEntry("resgate.resource", "traced.model.1");
	}

	@Test
	void eventsPublishedByTheHandlerCarryItsTrace() throws Exception {
		request("call.traced.model.1.set", "{\"params\":{\"n\":2}}",
				Map.of(TestTracing.TRACEPARENT, "00-" + TRACE + "-" + PARENT + "-01"));
		SimpleSpan handler = tracing.awaitSpan("handle call", s -> true);
		Message event = events.poll(5, TimeUnit.SECONDS);
		assertThat(event).isNotNull();
		assertThat(event.subject()).isEqualTo("event.traced.model.1.change");
		String traceparent = event.header(TestTracing.TRACEPARENT);
		assertThat(traceparent).isNotNull();
		assertThat(TestTracing.traceId(traceparent)).isEqualTo(TRACE);
		SimpleSpan eventSpan = tracing.awaitSpan("event change", s -> true);
		assertThat(eventSpan.getTraceId()).isEqualTo(TRACE);
		assertThat(eventSpan.getParentId()).isEqualTo(handler.getSpanId());
		assertThat(TestTracing.spanId(traceparent)).isEqualTo(eventSpan.getSpanId());
	}

	@Test
	void errorAnswersAreMarkedAndRequestsWithoutTraceStartOne() throws Exception {
		request("call.traced.model.1.fail", "{}", Map.of());
		SimpleSpan span = tracing.awaitSpan("handle call", s -> true);
		assertThat(span.getTags()).containsEntry("resgate.outcome", "error")
			.containsEntry("resgate.error.code", "system.invalidParams");
		assertThat(span.getParentId()).isNullOrEmpty();
		assertThat(span.getTraceId()).hasSize(32).isNotEqualTo(TRACE);
	}

	@Test
	void eventsOutsideAnyObservationHaveNoTraceAndEventsInOneHave() throws Exception {
		registry.events().change("traced.model.2", Map.of("n", 3));
		Message plain = events.poll(5, TimeUnit.SECONDS);
		assertThat(plain).isNotNull();
		assertThat(plain.headers()).isEmpty();

		Observation.createNotStarted("scheduled.work", tracing.registry()).observe(
				() -> registry.events().change("traced.model.2", Map.of("n", 4)));
		Message traced = events.poll(5, TimeUnit.SECONDS);
		assertThat(traced).isNotNull();
		SimpleSpan work = tracing.awaitSpan("scheduled.work", s -> true);
		assertThat(TestTracing.traceId(traced.header(TestTracing.TRACEPARENT))).isEqualTo(work.getTraceId());
	}

	/** A model whose call handler publishes an event. */
	@ResModel("traced.model.$id")
	static class Traced {

		private final ResEvents events;

		Traced(ResEvents events) {
			this.events = events;
		}

		@ResAccess
		Access access() {
			return Access.granted();
		}

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}

		@ResCall("set")
		void set(@PathParam String id, @io.resgate.spring.service.annotation.ResParams Map<String, Object> params) {
			events.change("traced.model." + id, Map.of("n", params.get("n")));
		}

		@ResCall("fail")
		void fail() {
			throw new io.resgate.spring.protocol.ResException(io.resgate.spring.protocol.ResError.INVALID_PARAMS);
		}
	}
}
