package io.resgate.spring.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResCollection;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.store.DatabaseExceptionHandler;
import io.resgate.spring.service.store.EntityStore;
import io.resgate.spring.service.store.ResStore;
import io.resgate.spring.service.store.StoreEvents;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store's auto-configuration: present with Spring Data, absent without it or when disabled, and startup
 * failures that say what is wrong with a {@code @ResStore} component.
 */
class ResgateStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResgateMessagingAutoConfiguration.class, ResgateServiceAutoConfiguration.class,
					ResgateStoreAutoConfiguration.class));

	record Thing(Long id, String name) {
	}

	@ResModel("things.thing.$id")
	@ResStore(Thing.class)
	static class ThingWithoutRepository {

		@ResGet
		Optional<Thing> get(@PathParam("id") long id) {
			return Optional.empty();
		}
	}

	@ResCollection("things.$a.$b")
	@ResStore(Thing.class)
	static class TwoPlaceholders {

		@ResGet
		List<String> get() {
			return List.of();
		}
	}

	@ResModel("things.thing.$id")
	@ResStore(Thing.class)
	static class NoGetHandler {

		@ResCall("set")
		void set() {
		}
	}

	@ResModel("plain.model")
	static class PlainModel {

		@ResGet
		Map<String, Object> get() {
			return Map.of("a", 1);
		}
	}

	@Test
	void withSpringDataTheStoreIsThere() {
		runner.withBean(PlainModel.class).run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(StoreEvents.class).hasSingleBean(EntityStore.class)
				.hasSingleBean(DatabaseExceptionHandler.class)
				.hasBean("resStoreGetTransactions");
			assertThat(context.getBean(StoreEvents.class).isRunning()).isTrue();
		});
	}

	@Test
	void withoutSpringDataEverythingElseWorksAsBefore() {
		runner.withBean(PlainModel.class)
			.withClassLoader(new FilteredClassLoader(RepositoryFactoryBeanSupport.class))
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(StoreEvents.class).doesNotHaveBean(EntityStore.class);
				assertThat(context.getBean(ResServiceRegistry.class).ownedResources()).containsExactly("plain.model");
			});
	}

	@Test
	void theStoreCanBeTurnedOff() {
		runner.withBean(PlainModel.class).withPropertyValues("resgate.service.store.enabled=false").run(context -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(StoreEvents.class).doesNotHaveBean(DatabaseExceptionHandler.class)
				.doesNotHaveBean("resStoreGetTransactions");
		});
		runner.withPropertyValues("resgate.service.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(StoreEvents.class));
	}

	@Test
	void aStoreResourceWithoutRepositoryFailsTheStartup() {
		runner.withBean(ThingWithoutRepository.class).run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("@ResStore on bean")
			.hasMessageContaining("no Spring Data repository manages " + Thing.class.getName()));
	}

	@Test
	void aStoreResourceWithTwoPlaceholdersFailsTheStartup() {
		runner.withBean(TwoPlaceholders.class).run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("the pattern 'things.$a.$b' has 2 placeholders; a store resource's pattern has at most one"));
	}

	@Test
	void aStoreResourceWithoutGetHandlerFailsTheStartup() {
		runner.withBean(NoGetHandler.class).run(context -> assertThat(context).getFailure()
			.rootCause()
			.hasMessageContaining("needs a @ResGet method"));
	}
}
