/**
 * Spring wiring of the service side, layered as spring-kafka layers its listeners: the annotation bean
 * post-processor finds the resource components and reads each into an endpoint descriptor
 * ({@link io.resgate.spring.service.runtime.ResEndpoint}); the {@link io.resgate.spring.service.config.ResEndpointRegistrar}
 * collects them with the argument resolvers and interceptors that
 * {@link io.resgate.spring.service.config.ResHandlerConfigurer} beans add; the registry
 * ({@link io.resgate.spring.service.runtime.ResServiceRegistry}) binds and serves them.
 */
package io.resgate.spring.service.config;
