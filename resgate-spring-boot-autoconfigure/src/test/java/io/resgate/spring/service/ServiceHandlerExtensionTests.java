package io.resgate.spring.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.ServiceHarness.Transport;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.runtime.ResHandlerInterceptor;
import io.resgate.spring.service.runtime.ResHandlerInvocation;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.test.NatsServerExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The extension point of handler invocation: custom spring-messaging argument resolvers (asked after the
 * built-in ones, resolving from the request) and interceptors around handler methods, on the in-process bus
 * and on nats-server.
 */
class ServiceHandlerExtensionTests {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@Target(ElementType.PARAMETER)
	@Retention(RetentionPolicy.RUNTIME)
	@interface Shouted {
	}

	/** Resolves {@code @Shouted String}: the request's resource name in upper case. */
	static final class ShoutedResolver implements HandlerMethodArgumentResolver {

		@Override
		public boolean supportsParameter(MethodParameter parameter) {
			return parameter.hasParameterAnnotation(Shouted.class);
		}

		@Override
		public Object resolveArgument(MethodParameter parameter, Message<?> message) {
			return ((ResRequest) message.getPayload()).resourceName().toUpperCase();
		}
	}

	/** Refuses calls of methods named "guarded" unless the token says {"pass": true}. */
	static final class Guard implements ResHandlerInterceptor {

		@Override
		public boolean appliesTo(Method method, Class<?> componentType) {
			return method.getName().equals("guarded");
		}

		@Override
		public Object intercept(ResHandlerInvocation invocation) throws Throwable {
			var token = invocation.request().rawToken();
			if (token == null || !token.path("pass").asBoolean()) {
				throw new ResException(ResError.ACCESS_DENIED);
			}
			assertThat(invocation.getArguments()).containsExactly("7");
			return "guarded:" + invocation.proceed();
		}
	}

	@ResModel("ext.model.$id")
	static final class Extended {

		@ResGet
		Map<String, Object> get(@PathParam String id, @Shouted String name) {
			return Map.of("id", id, "name", name);
		}

		@ResCall
		String guarded(@PathParam String id) {
			return id;
		}

		@ResCall
		String open(@Shouted String name) {
			return name;
		}
	}

	@ResModel("ext.bad")
	static final class Unresolvable {

		@ResGet
		Map<String, Object> get(@Shouted String name, Object other) {
			return Map.of();
		}
	}

	/** The interface a JDK proxy of a component implements; the RES annotations are on the class only. */
	public interface Greeter {

		Map<String, Object> get(String id);

		String hello(String id, Map<String, Object> params);
	}

	@ResModel("proxied.$id")
	public static class GreeterImpl implements Greeter {

		@Override
		@ResGet
		public Map<String, Object> get(@PathParam String id) {
			return Map.of("id", id);
		}

		@Override
		@ResCall
		public String hello(@PathParam String id, @ResParams Map<String, Object> params) {
			return "hello " + params.get("name") + " from " + id;
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void componentsBehindJdkProxiesAreInvokedThroughTheProxy(Transport t) throws Exception {
		AtomicInteger advised = new AtomicInteger();
		ProxyFactory factory = new ProxyFactory(new GreeterImpl());
		factory.addInterface(Greeter.class);
		factory.addAdvice((MethodInterceptor) invocation -> {
			advised.incrementAndGet();
			return invocation.proceed();
		});
		Object proxy = factory.getProxy();
		assertThat(AopUtils.isJdkDynamicProxy(proxy)).isTrue();
		try (ServiceHarness h = new ServiceHarness(t, nats)) {
			h.registry().register("greeter", proxy, GreeterImpl.class);
			h.start();
			h.client().get("proxied.1").assertModel(Map.of("id", "1"));
			h.client().call("proxied.1", "hello", Map.of("name", "jane")).assertResult("hello jane from 1");
			assertThat(advised).hasValue(2);
		}
	}

	@ParameterizedTest
	@EnumSource(Transport.class)
	void customResolversAndInterceptorsTakePartInEveryInvocation(Transport t) throws Exception {
		try (ServiceHarness h = new ServiceHarness(t, nats,
				b -> b.argumentResolvers(List.of(new ShoutedResolver())).interceptors(List.of(new Guard())))) {
			h.register(new Extended()).start();
			h.client().get("ext.model.7").assertModel(Map.of("id", "7", "name", "EXT.MODEL.7"));
			h.client().call("ext.model.7", "open", null).assertResult("EXT.MODEL.7");
			h.client().call("ext.model.7", "guarded", null, Map.of("pass", true)).assertResult("guarded:7");
			h.client().call("ext.model.7", "guarded", null, Map.of("pass", false)).assertError("system.accessDenied");
			h.client().call("ext.model.7", "guarded", null).assertError("system.accessDenied");
		}
	}

	@Test
	void parametersNoResolverSupportsFailTheRegistration() {
		ResServiceRegistry registry = ResServiceRegistry.builder(new LocalMessaging(), new ResCodec())
			.argumentResolvers(List.of(new ShoutedResolver()))
			.build();
		try {
			assertThatThrownBy(() -> registry.register(new Unresolvable()))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Unsupported parameter 2 ('other')");
			assertThatThrownBy(() -> registry.addArgumentResolvers(List.of(new ShoutedResolver())))
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("Add argument resolvers before registering RES components");
		}
		finally {
			registry.shutdown();
		}
	}
}
