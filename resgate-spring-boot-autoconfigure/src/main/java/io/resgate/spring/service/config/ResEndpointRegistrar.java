package io.resgate.spring.service.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

import io.resgate.spring.service.runtime.ResEndpoint;
import io.resgate.spring.service.runtime.ResHandlerInterceptor;
import io.resgate.spring.service.runtime.ResServiceRegistry;

/**
 * Collects the endpoints the annotation post-processor found, and what {@link ResHandlerConfigurer}s add:
 * argument resolvers and interceptors. {@link #registerEndpoints()} hands them all to the
 * {@link ResServiceRegistry}.
 *
 * <p>Custom argument resolvers are spring-messaging {@link HandlerMethodArgumentResolver}s, asked after the
 * built-in ones (which take parameters annotated with the RES annotations and {@code ResRequest}); the
 * message they get has the request ({@link io.resgate.spring.service.ResRequest}) as payload. A parameter no
 * resolver supports fails the startup.
 */
public final class ResEndpointRegistrar {

	private final ResServiceRegistry registry;

	private final List<ResEndpoint> endpoints = new ArrayList<>();

	private final List<HandlerMethodArgumentResolver> argumentResolvers = new ArrayList<>();

	private final List<ResHandlerInterceptor> interceptors = new ArrayList<>();

	/**
	 * Creates a registrar for a registry.
	 * @param registry the registry the endpoints go to
	 */
	public ResEndpointRegistrar(ResServiceRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	/** @return the registry the endpoints go to */
	public ResServiceRegistry getRegistry() {
		return registry;
	}

	/**
	 * Adds an endpoint to register.
	 * @param endpoint the endpoint
	 */
	public void registerEndpoint(ResEndpoint endpoint) {
		endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
	}

	/** @return the endpoints to register, in the order they were added */
	public List<ResEndpoint> getEndpoints() {
		return Collections.unmodifiableList(endpoints);
	}

	/**
	 * Adds an argument resolver for handler parameters, asked after the built-in ones and those added before.
	 * @param resolver the resolver
	 */
	public void addArgumentResolver(HandlerMethodArgumentResolver resolver) {
		argumentResolvers.add(Objects.requireNonNull(resolver, "resolver"));
	}

	/** @return the custom argument resolvers */
	public List<HandlerMethodArgumentResolver> getArgumentResolvers() {
		return Collections.unmodifiableList(argumentResolvers);
	}

	/**
	 * Adds an interceptor run around handler invocations, inside those added before.
	 * @param interceptor the interceptor
	 */
	public void addInterceptor(ResHandlerInterceptor interceptor) {
		interceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
	}

	/** @return the interceptors */
	public List<ResHandlerInterceptor> getInterceptors() {
		return Collections.unmodifiableList(interceptors);
	}

	/**
	 * Gives the registry the argument resolvers and interceptors, then registers every endpoint.
	 * @throws BeanCreationException naming the bean of an endpoint that is invalid or conflicts with another
	 */
	public void registerEndpoints() {
		registry.addArgumentResolvers(argumentResolvers);
		registry.addInterceptors(interceptors);
		argumentResolvers.clear();
		interceptors.clear();
		for (ResEndpoint endpoint : endpoints) {
			try {
				registry.register(endpoint);
			}
			catch (IllegalStateException ex) {
				throw new BeanCreationException(endpoint.beanName(), ex.getMessage(), ex);
			}
		}
		endpoints.clear();
	}
}
