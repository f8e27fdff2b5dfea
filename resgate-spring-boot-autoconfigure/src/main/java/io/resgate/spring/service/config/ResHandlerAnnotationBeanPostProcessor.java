package io.resgate.spring.service.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.Ordered;

import io.resgate.spring.service.runtime.ResEndpoint;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Finds the beans annotated with {@code @ResModel}, {@code @ResCollection} or {@code @ResResource}
 * (or declaring RES handler methods). Once all singletons exist, it reads each into a {@link ResEndpoint},
 * hands them to a {@link ResEndpointRegistrar}, lets the {@link ResHandlerConfigurer} beans customize it
 * (argument resolvers, interceptors), and registers them with the {@link ResServiceRegistry}. Invalid
 * patterns, conflicting handlers and unsupported signatures fail the startup with a message naming the bean
 * and the method.
 */
public class ResHandlerAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	private static final Log logger = LogFactory.getLog(ResHandlerAnnotationBeanPostProcessor.class);

	/** The bean name under which the auto-configuration registers this processor. */
	public static final String BEAN_NAME = "io.resgate.spring.service.config.internalResHandlerAnnotationProcessor";

	private final Set<Class<?>> nonAnnotated = ConcurrentHashMap.newKeySet();

	private final Map<String, Found> found = new LinkedHashMap<>();

	private BeanFactory beanFactory;

	private volatile boolean registered;

	private record Found(Object bean, Class<?> type) {
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> type = AopUtils.getTargetClass(bean);
		if (nonAnnotated.contains(type)) {
			return bean;
		}
		boolean candidate;
		try {
			candidate = ResServiceRegistry.isResourceComponent(type);
		}
		catch (IllegalStateException ex) {
			throw new BeanCreationException(beanName, ex.getMessage(), ex);
		}
		if (!candidate) {
			nonAnnotated.add(type);
			return bean;
		}
		if (registered) {
			logger.warn("RES component '" + beanName + "' was created after startup (lazy or prototype scope) "
					+ "and is not served; make it an eagerly created singleton");
			return bean;
		}
		synchronized (found) {
			found.put(beanName, new Found(bean, type));
		}
		return bean;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ResEndpointRegistrar registrar = new ResEndpointRegistrar(beanFactory.getBean(ResServiceRegistry.class));
		synchronized (found) {
			for (Map.Entry<String, Found> e : found.entrySet()) {
				try {
					registrar.registerEndpoint(ResEndpoint.fromAnnotations(e.getKey(), e.getValue().bean(),
							e.getValue().type()));
				}
				catch (IllegalStateException ex) {
					throw new BeanCreationException(e.getKey(), ex.getMessage(), ex);
				}
			}
			found.clear();
			registered = true;
		}
		beanFactory.getBeanProvider(ResHandlerConfigurer.class)
			.orderedStream()
			.forEach(c -> c.configureResHandlers(registrar));
		registrar.registerEndpoints();
	}
}
