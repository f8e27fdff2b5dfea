package io.resgate.spring.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.config.ResHandlerConfigurer;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.test.ResTestClient;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

class ResgateServiceAutoConfigurationTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(ResgateMessagingAutoConfiguration.class, ResgateServiceAutoConfiguration.class,
					ValidationAutoConfiguration.class));

	record Greeting(@NotBlank(message = "Message must not be empty") String message) {
	}

	@ResModel("${app.prefix:example}.model.$id")
	static class ExampleModel {

		private final ResEvents events;

		private volatile String message = "Hello, World!";

		ExampleModel(ResEvents events) {
			this.events = events;
		}

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id, "message", message);
		}

		@ResCall("set")
		void set(@PathParam String id, @Valid @ResParams Greeting g) {
			message = g.message();
			events.change("example.model." + id, Map.of("message", g.message()));
		}

		@ResCall("boom")
		void boom() {
			throw new UnsupportedOperationException("no");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@Import(ExampleModel.class)
	static class ExampleConfig {
	}

	@Configuration(proxyBeanMethods = false)
	static class ExceptionHandlerConfig {

		@Bean
		ResExceptionHandler unsupported() {
			return (ex, request) -> (ex instanceof UnsupportedOperationException)
					? new ResError("example.unsupported", "Not supported") : null;
		}
	}

	@ResModel("bad..pattern")
	static class BadPattern {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	@ResModel("dup.model")
	static class First {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	@ResModel("dup.model")
	static class Second {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	@ResModel("sig.model")
	static class BadSignature {

		@ResGet
		Map<String, Object> get(String unannotated) {
			return Map.of();
		}
	}

	static class NotAComponent {

		@ResGet
		Map<String, Object> get() {
			return Map.of();
		}
	}

	@ResModel("counted.model")
	static class Counted {

		final AtomicInteger gets = new AtomicInteger();

		@ResGet
		Map<String, Object> get() {
			gets.incrementAndGet();
			return Map.of("ok", true);
		}
	}

	/** A handler parameter type only a custom resolver supports. */
	record Caller(String resourceName) {
	}

	@ResModel("configured.model")
	static class Configured {

		@ResGet
		Map<String, Object> get(Caller caller) {
			return Map.of("caller", caller.resourceName());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CallerConfigurerConfig {

		@Bean
		ResHandlerConfigurer callerParameters() {
			return registrar -> registrar.addArgumentResolver(new HandlerMethodArgumentResolver() {

				@Override
				public boolean supportsParameter(MethodParameter parameter) {
					return parameter.getParameterType() == Caller.class;
				}

				@Override
				public Object resolveArgument(MethodParameter parameter, Message<?> message) {
					return new Caller(((ResRequest) message.getPayload()).resourceName());
				}
			});
		}
	}

	@ResModel("owned.$id")
	@ResAccess(get = "@owners.owns(token?.user, #id)")
	static class Owned {

		@ResGet
		Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}
	}

	/** The bean an access rule asks. */
	static class Owners {

		public boolean owns(String user, String id) {
			return id.startsWith(user + "-");
		}
	}

	private static ResTestClient client(org.springframework.context.ApplicationContext ctx) {
		return new ResTestClient(ctx.getBean(Messaging.class), ctx.getBean(ResCodec.class));
	}

	@Test
	void servesAnnotatedBeansWithEventsValidationAndPlaceholders() {
		runner.withUserConfiguration(ExampleConfig.class).run(ctx -> {
			assertThat(ctx).hasSingleBean(ResServiceRegistry.class).hasSingleBean(ResEvents.class);
			assertThat(ctx.getBean(ResServiceRegistry.class).isRunning()).isTrue();
			ResTestClient c = client(ctx);
			c.get("example.model.1").assertModel(Map.of("id", "1", "message", "Hello, World!"));
			// the start's system.reset went through the bus before the response: forget it
			c.clearEvents();
			c.call("example.model.1", "set", Map.of("message", "")).assertError("system.invalidParams",
					"Message must not be empty");
			c.call("example.model.1", "set", Map.of("message", "Hi")).assertResult(null);
			c.nextEvent().assertChange("example.model.1", Map.of("message", "Hi"));
			c.call("example.model.1", "boom", null).assertError("system.internalError", "Internal error");
		});
		runner.withUserConfiguration(ExampleConfig.class).withPropertyValues("app.prefix=demo").run(ctx -> {
			assertThat(ctx.getBean(ResServiceRegistry.class).ownedResources()).containsExactly("demo.model.*");
			client(ctx).get("demo.model.2").assertModel(Map.of("id", "2", "message", "Hello, World!"));
		});
	}

	@Test
	void exceptionHandlerBeansMapErrors() {
		runner.withUserConfiguration(ExampleConfig.class, ExceptionHandlerConfig.class).run(ctx ->
			client(ctx).call("example.model.1", "boom", null)
				.assertPayload("{\"error\":{\"code\":\"example.unsupported\",\"message\":\"Not supported\"}}"));
	}

	@Test
	void configurerBeansAddArgumentResolvers() {
		runner.withBean(Configured.class).withUserConfiguration(CallerConfigurerConfig.class)
			.run(ctx -> client(ctx).get("configured.model").assertModel(Map.of("caller", "configured.model")));
		runner.withBean(Configured.class).run(ctx -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Unsupported parameter 1 ('caller')");
		});
	}

	@Test
	void accessRulesReferToBeans() {
		runner.withBean(Owned.class).withBean("owners", Owners.class).run(ctx -> {
			client(ctx).access("owned.jane-1", Map.of("user", "jane")).assertPayload("{\"result\":{\"get\":true}}");
			client(ctx).access("owned.john-1", Map.of("user", "jane")).assertError("system.accessDenied");
		});
	}

	@Test
	void canBeDisabled() {
		runner.withBean(Counted.class).withPropertyValues("resgate.service.enabled=false")
			.run(ctx -> {
				assertThat(ctx).hasNotFailed().doesNotHaveBean(ResServiceRegistry.class).doesNotHaveBean(ResEvents.class);
			});
	}

	@Test
	void invalidPatternsConflictsAndSignaturesFailTheStartup() {
		runner.withBean(BadPattern.class).run(ctx -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Invalid RES resource pattern")
				.hasStackTraceContaining("bad..pattern");
		});
		runner.withBean(First.class).withBean(Second.class).run(ctx -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Conflicting RES handlers")
				.hasStackTraceContaining("two get handlers");
		});
		runner.withBean(BadSignature.class).run(ctx -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure()).hasStackTraceContaining("Unsupported parameter 1 ('unannotated')");
		});
		runner.withBean(NotAComponent.class).run(ctx -> {
			assertThat(ctx).hasFailed();
			assertThat(ctx.getStartupFailure())
				.hasStackTraceContaining("not annotated with @ResModel, @ResCollection or @ResResource");
		});
	}

	@Test
	void announcesResetOnStartUnlessDisabled() {
		runner.withUserConfiguration(ExampleConfig.class).withPropertyValues("resgate.nats.url=" + nats.url())
			.run(ctx -> {
				ResTestClient c = client(ctx);
				ctx.getBean(ResServiceRegistry.class).stop();
				ctx.getBean(ResServiceRegistry.class).start();
				c.nextEvent().assertSystemReset(java.util.List.of("example.model.*"), null);
			});
		runner.withUserConfiguration(ExampleConfig.class)
			.withPropertyValues("resgate.nats.url=" + nats.url(), "resgate.service.reset-on-start=false")
			.run(ctx -> {
				ResTestClient c = client(ctx);
				ctx.getBean(ResServiceRegistry.class).stop();
				ctx.getBean(ResServiceRegistry.class).start();
				c.get("example.model.1").assertModel(Map.of("id", "1", "message", "Hello, World!"));
				c.assertNoEvent(Duration.ofMillis(200));
			});
	}

	@Test
	void instancesInOneQueueGroupShareTheRequests() {
		ApplicationContextRunner app = runner.withBean(Counted.class)
			.withPropertyValues("resgate.nats.url=" + nats.url(), "resgate.service.queue-group=counted");
		app.run(one -> app.run(two -> {
			ResTestClient c = client(one);
			for (int i = 0; i < 40; i++) {
				c.get("counted.model").assertModel(Map.of("ok", true));
			}
			int a = one.getBean(Counted.class).gets.get();
			int b = two.getBean(Counted.class).gets.get();
			assertThat(a + b).isEqualTo(40);
			assertThat(a).isPositive();
			assertThat(b).isPositive();
		}));
	}
}
