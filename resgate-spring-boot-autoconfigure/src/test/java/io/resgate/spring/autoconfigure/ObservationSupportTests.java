package io.resgate.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.test.simple.SimpleTracer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which observation registry the gateway and the service observe with: the application's when it has a
 * tracer or {@code resgate.observations.enabled=true}, none otherwise.
 */
class ObservationSupportTests {

	private final ObservationRegistry appRegistry = ObservationRegistry.create();

	ObservationSupportTests() {
		appRegistry.observationConfig().observationHandler(context -> true);
	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Props.class);

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ResgateProperties.class)
	static class Props {
	}

	private ObservationRegistry chosen(org.springframework.context.ApplicationContext ctx) {
		return ObservationSupport.registry(ctx.getBeanProvider(ObservationRegistry.class), ctx,
				ctx.getBean(ResgateProperties.class));
	}

	@Test
	void theApplicationsRegistryWhenItHasATracer() {
		runner.withBean(ObservationRegistry.class, () -> appRegistry)
			.withBean(Tracer.class, SimpleTracer::new)
			.run(ctx -> assertThat(chosen(ctx)).isSameAs(appRegistry));
	}

	@Test
	void noneWithMetricsOnly() {
		runner.withBean(ObservationRegistry.class, () -> appRegistry)
			.run(ctx -> assertThat(chosen(ctx).isNoop()).isTrue());
	}

	@Test
	void noneWithoutMicrometerTracingOnTheClassPath() {
		runner.withBean(ObservationRegistry.class, () -> appRegistry)
			.withClassLoader(new FilteredClassLoader("io.micrometer.tracing"))
			.run(ctx -> assertThat(chosen(ctx).isNoop()).isTrue());
	}

	@Test
	void forcedOnWithoutTracerAndOffWithOne() {
		runner.withBean(ObservationRegistry.class, () -> appRegistry)
			.withPropertyValues("resgate.observations.enabled=true")
			.run(ctx -> assertThat(chosen(ctx)).isSameAs(appRegistry));
		runner.withBean(ObservationRegistry.class, () -> appRegistry)
			.withBean(Tracer.class, SimpleTracer::new)
			.withPropertyValues("resgate.observations.enabled=false")
			.run(ctx -> assertThat(chosen(ctx).isNoop()).isTrue());
	}

	@Test
	void noneWithoutARegistry() {
		runner.withPropertyValues("resgate.observations.enabled=true")
			.run(ctx -> assertThat(chosen(ctx).isNoop()).isTrue());
	}
}
