package io.resgate.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.validation.Validator;

import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.config.ResHandlerAnnotationBeanPostProcessor;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Serves the application's {@code @ResModel}, {@code @ResCollection} and {@code @ResResource} beans
 * as RES services on the {@link Messaging} bean, and provides the {@link ResEvents} publisher.
 * Disabled with {@code resgate.service.enabled=false}.
 */
@AutoConfiguration(afterName = "io.resgate.spring.autoconfigure.ResgateMessagingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "resgate.service.enabled", matchIfMissing = true)
@ConditionalOnBean({ Messaging.class, ResCodec.class })
@EnableConfigurationProperties(ResgateProperties.class)
public class ResgateServiceAutoConfiguration {

	/**
	 * The service registry, a lifecycle bean serving the resource components.
	 * @param messaging the messaging system
	 * @param codec the codec
	 * @param properties the properties
	 * @param environment resolves placeholders in resource patterns
	 * @param validators Bean Validation, if available
	 * @param exceptionHandlers exception handlers, in order
	 * @param observationRegistries the application's observation registry, if any
	 * @param beans to find a tracer, and the beans access rules refer to
	 * @return the registry
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResServiceRegistry resServiceRegistry(Messaging messaging, ResCodec codec, ResgateProperties properties,
			Environment environment, ObjectProvider<Validator> validators,
			ObjectProvider<ResExceptionHandler> exceptionHandlers,
			ObjectProvider<ObservationRegistry> observationRegistries, ListableBeanFactory beans) {
		ResgateProperties.Service s = properties.getService();
		return ResServiceRegistry.builder(messaging, codec)
			.queueGroup(s.getQueueGroup())
			.workers(s.getWorkers())
			.maxPending(s.getMaxPending())
			.resetOnStart(s.isResetOnStart())
			.queryEventDuration(s.getQueryEventDuration())
			.drainTimeout(s.getDrainTimeout())
			.validator(validators.orderedStream().findFirst().orElse(null))
			.exceptionHandlers(exceptionHandlers.orderedStream().toList())
			.placeholderResolver(environment::resolveRequiredPlaceholders)
			.beanResolver(new BeanFactoryResolver(beans))
			.observationRegistry(ObservationSupport.registry(observationRegistries, beans, properties))
			.build();
	}

	/**
	 * The event publisher.
	 * @param registry the registry
	 * @return its events
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResEvents resEvents(ResServiceRegistry registry) {
		return registry.events();
	}

	/**
	 * Warns of resources with a get handler and no access handler when they are served on the in-process
	 * bus next to the gateway, where nobody else can answer their access requests.
	 * @param registry the registry
	 * @param messaging the messaging system
	 * @param gateway the gateway, if this application runs one
	 * @return the check
	 */
	@Bean
	ApplicationListener<ContextRefreshedEvent> resgateInProcessAccessCheck(ResServiceRegistry registry,
			Messaging messaging, ObjectProvider<GatewayService> gateway) {
		return new InProcessAccessCheck(registry, () -> messaging instanceof LocalMessaging
				&& gateway.getIfAvailable() != null);
	}

	/**
	 * Finds the resource components.
	 * @return the post-processor
	 */
	@Bean(name = ResHandlerAnnotationBeanPostProcessor.BEAN_NAME)
	@ConditionalOnMissingBean(name = ResHandlerAnnotationBeanPostProcessor.BEAN_NAME)
	public static ResHandlerAnnotationBeanPostProcessor resHandlerAnnotationBeanPostProcessor() {
		return new ResHandlerAnnotationBeanPostProcessor();
	}
}
