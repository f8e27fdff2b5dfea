package io.resgate.spring.test;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;

import static org.awaitility.Awaitility.await;

/**
 * Micrometer's in-memory tracer ({@link SimpleTracer}) behind an observation registry wired as Spring Boot
 * wires a real tracer: sender and receiver contexts propagate the trace context through their carriers, in
 * the W3C {@code traceparent} format, other observations become plain spans.
 */
public final class TestTracing {

	/** The header of the W3C trace context. */
	public static final String TRACEPARENT = "traceparent";

	private final SimpleTracer tracer = new SimpleTracer();

	private final ObservationRegistry registry = ObservationRegistry.create();

	public TestTracing() {
		Propagator propagator = new W3CPropagator(tracer);
		registry.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
	}

	public SimpleTracer tracer() {
		return tracer;
	}

	public ObservationRegistry registry() {
		return registry;
	}

	/** @return the spans started so far */
	public List<SimpleSpan> spans() {
		return List.copyOf(tracer.getSpans());
	}

	/**
	 * Waits for a finished span.
	 * @param name the span's name (the observation's contextual name)
	 * @param condition what else it must satisfy
	 * @return the span
	 */
	public SimpleSpan awaitSpan(String name, Predicate<SimpleSpan> condition) {
		SimpleSpan[] found = new SimpleSpan[1];
		await().atMost(Duration.ofSeconds(5)).until(() -> {
			for (SimpleSpan s : spans()) {
				if (name.equals(s.getName()) && s.getEndTimestamp().toEpochMilli() != 0 && condition.test(s)) {
					found[0] = s;
					return true;
				}
			}
			return false;
		});
		return found[0];
	}

	/**
	 * The trace ID of a {@code traceparent} header value.
	 * @param traceparent such as {@code 00-<trace-id>-<span-id>-01}
	 * @return the trace ID
	 */
	public static String traceId(String traceparent) {
		return traceparent.split("-")[1];
	}

	/**
	 * The parent span ID of a {@code traceparent} header value.
	 * @param traceparent such as {@code 00-<trace-id>-<span-id>-01}
	 * @return the span ID
	 */
	public static String spanId(String traceparent) {
		return traceparent.split("-")[2];
	}

	/** W3C trace context ({@code traceparent} only) for the simple tracer. */
	private static final class W3CPropagator implements Propagator {

		private final SimpleTracer tracer;

		W3CPropagator(SimpleTracer tracer) {
			this.tracer = tracer;
		}

		@Override
		public List<String> fields() {
			return List.of(TRACEPARENT);
		}

		@Override
		public <C> void inject(TraceContext context, C carrier, Setter<C> setter) {
			setter.set(carrier, TRACEPARENT, "00-" + context.traceId() + "-" + context.spanId() + "-01");
		}

		@Override
		public <C> Span.Builder extract(C carrier, Getter<C> getter) {
			String value = getter.get(carrier, TRACEPARENT);
			String[] parts = (value == null) ? new String[0] : value.split("-");
			if (parts.length != 4) {
				// a new trace (the simple tracer's builder would leave the IDs empty)
				String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
				return tracer.spanBuilder().setParent(tracer.traceContextBuilder().traceId(traceId).spanId("").build());
			}
			return tracer.spanBuilder()
				.setParent(tracer.traceContextBuilder().traceId(parts[1]).spanId(parts[2]).sampled(true).build());
		}
	}
}
