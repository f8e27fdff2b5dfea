package io.resgate.spring.service.security;

import java.util.Objects;

import org.springframework.expression.BeanResolver;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;

import io.resgate.spring.service.config.ResEndpointRegistrar;
import io.resgate.spring.service.config.ResHandlerConfigurer;

/**
 * Plugs Spring Security into handler invocation: the {@code @PreAuthorize} interceptor and the
 * {@code Authentication} and {@code @AuthenticationPrincipal} argument resolvers, all working on the
 * authentication the {@link ResAuthenticationConverter} makes from the connection's token. Spring Boot adds one
 * when Spring Security is on the classpath.
 */
public final class ServiceSecurityConfigurer implements ResHandlerConfigurer {

	private final TokenAuthentications authentications;

	private final MethodSecurityExpressionHandler expressions;

	private final BeanResolver beans;

	/**
	 * Creates the configurer.
	 * @param converter makes authentications of tokens
	 * @param expressions evaluates the {@code @PreAuthorize} expressions
	 * @param beans resolves {@code @bean} references in {@code @AuthenticationPrincipal} expressions, or
	 * {@code null}
	 */
	public ServiceSecurityConfigurer(ResAuthenticationConverter converter, MethodSecurityExpressionHandler expressions,
			BeanResolver beans) {
		this.authentications = new TokenAuthentications(Objects.requireNonNull(converter, "converter"));
		this.expressions = Objects.requireNonNull(expressions, "expressions");
		this.beans = beans;
	}

	@Override
	public void configureResHandlers(ResEndpointRegistrar registrar) {
		registrar.addArgumentResolver(new AuthenticationArgumentResolver(authentications));
		registrar.addArgumentResolver(new AuthenticationPrincipalArgumentResolver(authentications, beans));
		registrar.addInterceptor(new PreAuthorizeInterceptor(authentications, expressions));
	}
}
