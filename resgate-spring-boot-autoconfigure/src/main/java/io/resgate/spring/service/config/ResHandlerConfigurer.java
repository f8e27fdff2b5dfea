package io.resgate.spring.service.config;

/**
 * Customizes how RES handler methods are invoked: implement it as a bean to add argument resolvers (for
 * handler parameters of your own types or annotations) and interceptors to the
 * {@link ResEndpointRegistrar}, before the resource components are registered. All such beans are called,
 * in their order ({@code @Order} or {@code Ordered}).
 *
 * <pre>{@code
 * @Bean
 * ResHandlerConfigurer tenantParameters() {
 *     return registrar -> registrar.addArgumentResolver(new TenantArgumentResolver());
 * }
 * }</pre>
 */
@FunctionalInterface
public interface ResHandlerConfigurer {

	/**
	 * Configures the registrar.
	 * @param registrar the registrar of the application's resource components
	 */
	void configureResHandlers(ResEndpointRegistrar registrar);
}
