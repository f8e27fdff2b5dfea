package io.resgate.spring.service.test;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.util.ClassUtils;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import io.resgate.spring.messaging.LocalMessaging;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.service.config.ResEndpointRegistrar;
import io.resgate.spring.service.config.ResHandlerConfigurer;
import io.resgate.spring.service.events.ResEvents;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Unit-tests RES resource components without NATS and without Spring: a service on a fresh in-process
 * bus with a {@link ResTestClient} in front of it. Bean Validation is used when it is on the class path.
 *
 * <pre>{@code
 * try (ResTestSession session = new ResTestSession()) {
 *     session.register(new BookModel(session.events())).start();
 *     session.get("library.book.1").assertModel(Map.of("id", 1, "title", "Animal Farm"));
 *     session.call("library.book.1", "set", Map.of("title", "1984")).assertResult(null);
 *     session.nextEvent().assertChange("library.book.1", Map.of("title", "1984"));
 * }
 * }</pre>
 *
 * {@link #start()} consumes the {@code system.reset} the service sends on start, so the first event a
 * test sees is one its requests caused.
 */
public final class ResTestSession implements AutoCloseable {

	private final LocalMessaging messaging = new LocalMessaging();

	private final ResCodec codec;

	private final ResServiceRegistry registry;

	private final ResTestClient client;

	/** A session with default settings. */
	public ResTestSession() {
		this(b -> {
		});
	}

	/**
	 * A session whose service is customized, for instance with a queue group, exception handlers or
	 * {@code resetOnStart(false)}.
	 * @param customizer customizes the registry builder
	 */
	public ResTestSession(Consumer<ResServiceRegistry.Builder> customizer) {
		this.codec = new ResCodec();
		ResServiceRegistry.Builder b = ResServiceRegistry.builder(messaging, codec).workers(4);
		if (ClassUtils.isPresent("jakarta.validation.Validation", ResTestSession.class.getClassLoader())) {
			b.validator(BeanValidation.create());
		}
		customizer.accept(b);
		this.registry = b.build();
		this.client = new ResTestClient(messaging, codec);
	}

	/**
	 * The event publisher to give the components under test.
	 * @return the events
	 */
	public ResEvents events() {
		return registry.events();
	}

	/**
	 * Applies handler configurers (argument resolvers, interceptors) as Spring Boot applies the
	 * {@link ResHandlerConfigurer} beans, such as Spring Security's
	 * ({@code new ServiceSecurityConfigurer(ResAuthenticationConverter.nameAndAuthorities(),
	 * new DefaultMethodSecurityExpressionHandler(), null)}); call before {@link #register}.
	 * @param configurers the configurers
	 * @return this session
	 */
	public ResTestSession configure(ResHandlerConfigurer... configurers) {
		ResEndpointRegistrar registrar = new ResEndpointRegistrar(registry);
		for (ResHandlerConfigurer c : configurers) {
			c.configureResHandlers(registrar);
		}
		registrar.registerEndpoints();
		return this;
	}

	/**
	 * Registers components; call before {@link #start()}.
	 * @param components annotated resource components
	 * @return this session
	 */
	public ResTestSession register(Object... components) {
		for (Object c : components) {
			registry.register(c);
		}
		return this;
	}

	/**
	 * Starts serving and consumes the start's {@code system.reset} event (if reset on start is enabled).
	 * @return this session
	 */
	public ResTestSession start() {
		boolean resets = registry.isResetOnStart()
				&& (!registry.ownedResources().isEmpty() || !registry.ownedAccess().isEmpty());
		registry.start();
		if (resets) {
			client.nextEvent(Duration.ofSeconds(5)).assertSubject("system.reset");
		}
		return this;
	}

	/** @return the client in front of the service */
	public ResTestClient client() {
		return client;
	}

	/** @return the in-process bus */
	public Messaging messaging() {
		return messaging;
	}

	/** @return the service */
	public ResServiceRegistry registry() {
		return registry;
	}

	/**
	 * Sends a get request; see {@link ResTestClient#get}.
	 * @param rid the resource ID
	 * @return the response
	 */
	public ResTestResponse get(String rid) {
		return client.get(rid);
	}

	/**
	 * Sends an access request without token; see {@link ResTestClient#access(String)}.
	 * @param rid the resource ID
	 * @return the response
	 */
	public ResTestResponse access(String rid) {
		return client.access(rid);
	}

	/**
	 * Sends an access request; see {@link ResTestClient#access(String, Object)}.
	 * @param rid the resource ID
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse access(String rid, Object token) {
		return client.access(rid, token);
	}

	/**
	 * Sends a call request; see {@link ResTestClient#call(String, String, Object)}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the response
	 */
	public ResTestResponse call(String rid, String method, Object params) {
		return client.call(rid, method, params);
	}

	/**
	 * Sends a call request with a token; see {@link ResTestClient#call(String, String, Object, Object)}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse call(String rid, String method, Object params, Object token) {
		return client.call(rid, method, params, token);
	}

	/**
	 * Sends an auth request; see {@link ResTestClient#auth}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @return the response
	 */
	public ResTestResponse auth(String rid, String method, Object params) {
		return client.auth(rid, method, params);
	}

	/**
	 * Sends an auth request with a token; see {@link ResTestClient#auth(String, String, Object, Object)}.
	 * @param rid the resource ID
	 * @param method the method
	 * @param params the params, or {@code null}
	 * @param token the token, or {@code null}
	 * @return the response
	 */
	public ResTestResponse auth(String rid, String method, Object params, Object token) {
		return client.auth(rid, method, params, token);
	}

	/**
	 * Sends a query request to the subject of a query event; see {@link ResTestClient#query}.
	 * @param querySubject the subject from the query event
	 * @param query the normalized query
	 * @return the response
	 */
	public ResTestResponse query(String querySubject, String query) {
		return client.query(querySubject, query);
	}

	/**
	 * Starts a request with every option; see {@link ResTestClient#request}.
	 * @param type the request type
	 * @param rid the resource ID
	 * @return the request builder
	 */
	public ResTestClient.Request request(String type, String rid) {
		return client.request(type, rid);
	}

	/**
	 * The next event; see {@link ResTestClient#nextEvent()}.
	 * @return the event
	 */
	public ResTestEvent nextEvent() {
		return client.nextEvent();
	}

	/**
	 * The next event, waiting up to a time; see {@link ResTestClient#nextEvent(Duration)}.
	 * @param wait how long to wait
	 * @return the event
	 */
	public ResTestEvent nextEvent(Duration wait) {
		return client.nextEvent(wait);
	}

	/**
	 * The next event of one resource; see {@link ResTestClient#nextEventOf(String)}.
	 * @param resourceName the resource name
	 * @return the event
	 */
	public ResTestEvent nextEventOf(String resourceName) {
		return client.nextEventOf(resourceName);
	}

	/**
	 * The next event of one resource, waiting up to a time; see {@link ResTestClient#nextEventOf(String)}.
	 * @param resourceName the resource name
	 * @param wait how long to wait
	 * @return the event
	 */
	public ResTestEvent nextEventOf(String resourceName, Duration wait) {
		return client.nextEventOf(resourceName, wait);
	}

	/** Forgets the events published so far; see {@link ResTestClient#clearEvents()}. */
	public void clearEvents() {
		client.clearEvents();
	}

	/**
	 * Asserts that no event follows within a time.
	 * @param wait how long to wait
	 */
	public void assertNoEvent(Duration wait) {
		client.assertNoEvent(wait);
	}

	@Override
	public void close() {
		registry.shutdown();
		client.close();
		messaging.close();
	}

	private static final class BeanValidation {

		static Validator create() {
			LocalValidatorFactoryBean v = new LocalValidatorFactoryBean();
			v.afterPropertiesSet();
			return v;
		}
	}
}
