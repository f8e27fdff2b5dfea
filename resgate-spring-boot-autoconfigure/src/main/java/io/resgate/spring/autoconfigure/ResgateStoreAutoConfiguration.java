package io.resgate.spring.autoconfigure;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.Validator;

import io.resgate.spring.service.config.ResHandlerConfigurer;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.store.DatabaseExceptionHandler;
import io.resgate.spring.service.store.DefaultEntityStore;
import io.resgate.spring.service.store.EntityStore;
import io.resgate.spring.service.store.StoreEvents;
import io.resgate.spring.service.store.StoreGetTransactions;
import io.resgate.spring.service.store.StoreRepositoryPostProcessor;

/**
 * The store layer, when Spring Data is on the class path: {@code @ResStore} components show entities of
 * Spring Data repositories, and writes of those entities send RES events after their transactions commit.
 * Provides the {@link EntityStore} and maps database failures to RES errors. Disabled with
 * {@code resgate.service.store.enabled=false} (or with the service).
 */
@AutoConfiguration(after = ResgateServiceAutoConfiguration.class,
		afterName = { "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
				"org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration" })
@ConditionalOnClass({ RepositoryFactoryBeanSupport.class, TransactionSynchronizationManager.class })
@ConditionalOnBooleanProperty(name = "resgate.service.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "resgate.service.store.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ResgateProperties.class)
public class ResgateStoreAutoConfiguration {

	/**
	 * Hands the repositories' calls to the store.
	 * @return the post-processor
	 */
	@Bean
	@ConditionalOnMissingBean
	public static StoreRepositoryPostProcessor resStoreRepositoryPostProcessor() {
		return new StoreRepositoryPostProcessor();
	}

	/**
	 * Maps database failures in handlers to RES errors.
	 * @return the exception handler
	 */
	@Bean
	@ConditionalOnMissingBean
	public DatabaseExceptionHandler resDatabaseExceptionHandler() {
		return new DatabaseExceptionHandler();
	}

	/**
	 * Sends the events of the store resources.
	 * @param registry the service
	 * @param beanFactory finds the repositories
	 * @param postProcessor the repositories' hook
	 * @param database the database exception handler
	 * @param properties the properties
	 * @param validators validates entities before they are saved, if available
	 * @return the store's event source
	 */
	@Bean
	@ConditionalOnBean(ResServiceRegistry.class)
	@ConditionalOnMissingBean
	public StoreEvents resStoreEvents(ResServiceRegistry registry, ListableBeanFactory beanFactory,
			StoreRepositoryPostProcessor postProcessor, DatabaseExceptionHandler database, ResgateProperties properties,
			ObjectProvider<Validator> validators) {
		return new StoreEvents(registry, beanFactory, postProcessor, database,
				properties.getService().getStore().getSettleDelay(), validators.orderedStream().findFirst().orElse(null));
	}

	/**
	 * Runs the get handlers of the store resources in read-only transactions (see {@link StoreGetTransactions}),
	 * when the application has one transaction manager.
	 * @param transactionManager the transaction manager, if any
	 * @param registry the service
	 * @return the configurer that adds the interceptor
	 */
	@Bean
	@ConditionalOnBean(StoreEvents.class)
	@ConditionalOnMissingBean(name = "resStoreGetTransactions")
	public ResHandlerConfigurer resStoreGetTransactions(ObjectProvider<PlatformTransactionManager> transactionManager,
			ResServiceRegistry registry) {
		return registrar -> {
			PlatformTransactionManager manager = transactionManager.getIfUnique();
			if (manager != null) {
				registrar.addInterceptor(new StoreGetTransactions(manager, registry));
			}
		};
	}

	/**
	 * The store API.
	 * @param store the store's event source
	 * @param transactionManager the transaction manager, if any
	 * @return the store API
	 */
	@Bean
	@ConditionalOnBean(StoreEvents.class)
	@ConditionalOnMissingBean
	public EntityStore entityStore(StoreEvents store, ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new DefaultEntityStore(store, transactionManager.getIfUnique(), DefaultConversionService.getSharedInstance());
	}
}
