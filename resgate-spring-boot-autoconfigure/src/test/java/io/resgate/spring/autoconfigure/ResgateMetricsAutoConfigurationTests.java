package io.resgate.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateMetricsAutoConfigurationTests {

	private final WebApplicationContextRunner web = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				ResgateMessagingAutoConfiguration.class, ResgateServiceAutoConfiguration.class,
				ResgateGatewayAutoConfiguration.class, ResgateMetricsAutoConfiguration.class));

	@Test
	void metersOfMessagingGatewayAndService() {
		web.run(ctx -> {
			assertThat(ctx).hasBean("resgateMessagingMetrics").hasBean("resgateGatewayMetrics")
				.hasBean("resgateServiceMetrics");
			MeterRegistry meters = ctx.getBean(MeterRegistry.class);
			assertThat(meters.get("resgate.messaging.connected").gauge().value()).isEqualTo(1.0);
			assertThat(meters.get("resgate.gateway.connections").gauge().value()).isZero();
			assertThat(meters.get("resgate.gateway.cache.resources").gauge().value()).isZero();
			assertThat(meters.get("resgate.service.requests.pending").gauge().value()).isZero();
		});
	}

	@Test
	void onlyTheMetersOfWhatRuns() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
					ResgateMessagingAutoConfiguration.class, ResgateServiceAutoConfiguration.class,
					ResgateGatewayAutoConfiguration.class, ResgateMetricsAutoConfiguration.class))
			.withPropertyValues("resgate.service.enabled=false")
			.run(ctx -> {
				assertThat(ctx).hasBean("resgateMessagingMetrics")
					.doesNotHaveBean("resgateGatewayMetrics")
					.doesNotHaveBean("resgateServiceMetrics");
				assertThat(ctx.getBean(MeterRegistry.class).find("resgate.gateway.connections").gauge()).isNull();
			});
	}

	@Test
	void canBeDisabled() {
		web.withPropertyValues("resgate.metrics.enabled=false").run(ctx -> {
			assertThat(ctx).doesNotHaveBean("resgateMessagingMetrics").doesNotHaveBean("resgateGatewayMetrics");
			assertThat(ctx.getBean(MeterRegistry.class).find("resgate.messaging.connected").gauge()).isNull();
		});
	}

	@Test
	void absentWithoutMicrometer() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class,
					ResgateServiceAutoConfiguration.class, ResgateGatewayAutoConfiguration.class,
					ResgateMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run(ctx -> {
				assertThat(ctx).hasNotFailed().doesNotHaveBean("resgateMessagingMetrics");
				assertThat(ctx).hasBean("resgateGatewayService");
			});
	}

	@Test
	void backsOffForAUserBinderOfTheSameName() {
		web.withBean("resgateGatewayMetrics", io.micrometer.core.instrument.binder.MeterBinder.class,
				() -> registry -> {
				})
			.run(ctx -> assertThat(ctx.getBean(MeterRegistry.class).find("resgate.gateway.connections").gauge())
				.isNull());
	}
}
