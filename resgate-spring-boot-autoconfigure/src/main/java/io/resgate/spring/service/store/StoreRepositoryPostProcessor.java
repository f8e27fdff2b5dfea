package io.resgate.spring.service.store;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

/**
 * Adds the store's tracking to every Spring Data repository: inside the repository's own transaction
 * handling, so that each tracked write runs in a transaction. Until a {@link StoreEvents} is started, and for
 * entities no {@link ResStore} resource shows, calls pass straight through.
 */
public final class StoreRepositoryPostProcessor implements BeanPostProcessor {

	private volatile StoreEvents active;

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
		if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> factoryBean) {
			factoryBean.addRepositoryFactoryCustomizer(factory -> factory.addRepositoryProxyPostProcessor(
					(proxyFactory, info) -> proxyFactory.addAdvice(new Tracking(info.getDomainType()))));
		}
		return bean;
	}

	void activate(StoreEvents store) {
		this.active = store;
	}

	void deactivate(StoreEvents store) {
		if (this.active == store) {
			this.active = null;
		}
	}

	/** The advice on one repository. */
	private final class Tracking implements MethodInterceptor {

		private final Class<?> domainType;

		Tracking(Class<?> domainType) {
			this.domainType = domainType;
		}

		@Override
		public Object invoke(MethodInvocation invocation) throws Throwable {
			StoreEvents store = active;
			return (store == null) ? invocation.proceed() : store.intercept(domainType, invocation);
		}
	}
}
