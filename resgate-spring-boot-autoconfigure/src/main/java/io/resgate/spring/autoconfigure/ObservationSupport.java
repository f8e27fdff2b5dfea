package io.resgate.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

/**
 * Picks the observation registry the gateway and the service observe with: the application's, when
 * {@code resgate.observations.enabled} is {@code true}, or unset and the application has a Micrometer
 * Tracing tracer; otherwise {@link ObservationRegistry#NOOP}, so that an application with metrics but no
 * tracing does not pay for observations that would only repeat the {@code resgate.*} timers.
 */
final class ObservationSupport {

	private static final String TRACER = "io.micrometer.tracing.Tracer";

	private ObservationSupport() {
	}

	static ObservationRegistry registry(ObjectProvider<ObservationRegistry> registries, ListableBeanFactory beans,
			ResgateProperties properties) {
		Boolean enabled = properties.getObservations().getEnabled();
		if (Boolean.FALSE.equals(enabled)) {
			return ObservationRegistry.NOOP;
		}
		ObservationRegistry registry = registries.getIfUnique();
		if (registry == null || registry.isNoop()) {
			return ObservationRegistry.NOOP;
		}
		return (Boolean.TRUE.equals(enabled) || hasTracer(beans)) ? registry : ObservationRegistry.NOOP;
	}

	private static boolean hasTracer(ListableBeanFactory beans) {
		ClassLoader classLoader = ObservationSupport.class.getClassLoader();
		if (!ClassUtils.isPresent(TRACER, classLoader)) {
			return false;
		}
		return beans.getBeanNamesForType(ClassUtils.resolveClassName(TRACER, classLoader), true, false).length > 0;
	}
}
