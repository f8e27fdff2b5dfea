package io.resgate.spring.autoconfigure;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.expression.method.DefaultMethodSecurityExpressionHandler;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.core.AuthenticationException;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.config.ResHandlerConfigurer;
import io.resgate.spring.service.runtime.ResServiceRegistry;
import io.resgate.spring.service.security.ResAuthenticationConverter;
import io.resgate.spring.service.security.ServiceSecurityConfigurer;

/**
 * Spring Security on the service side: {@code @PreAuthorize} on call and auth handlers, evaluated against the
 * authentication made from the connection's RES token, and {@code Authentication} and
 * {@code @AuthenticationPrincipal} handler parameters. Active when Spring Security is on the classpath and the
 * service runs; without it, handlers work as before (and {@code @PreAuthorize} cannot be written). Replace
 * {@link ResAuthenticationConverter} for tokens of your own shape; a {@link MethodSecurityExpressionHandler}
 * bean of the application (a role hierarchy, a permission evaluator) is used for the expressions.
 */
@AutoConfiguration(after = ResgateServiceAutoConfiguration.class)
@ConditionalOnClass(AuthorizationManagerBeforeMethodInterceptor.class)
@ConditionalOnBean(ResServiceRegistry.class)
public class ResgateServiceSecurityAutoConfiguration {

	/**
	 * Makes authentications of tokens: by default of {@code {"name": ..., "authorities": [...]}}, the token the
	 * gateway makes from a Spring Security login.
	 * @return the converter
	 */
	@Bean
	@ConditionalOnMissingBean
	public ResAuthenticationConverter resgateAuthenticationConverter() {
		return ResAuthenticationConverter.nameAndAuthorities();
	}

	/**
	 * Adds the {@code @PreAuthorize} interceptor and the security argument resolvers to handler invocation.
	 * @param converter makes authentications of tokens
	 * @param expressionHandlers the application's method security expression handler, if any
	 * @param context for bean references in expressions
	 * @return the configurer
	 */
	@Bean
	@ConditionalOnMissingBean(ServiceSecurityConfigurer.class)
	public ResHandlerConfigurer resgateServiceSecurityConfigurer(ResAuthenticationConverter converter,
			ObjectProvider<MethodSecurityExpressionHandler> expressionHandlers, ApplicationContext context) {
		MethodSecurityExpressionHandler expressions = expressionHandlers.getIfUnique(() -> {
			DefaultMethodSecurityExpressionHandler handler = new DefaultMethodSecurityExpressionHandler();
			handler.setApplicationContext(context);
			return handler;
		});
		return new ServiceSecurityConfigurer(converter, expressions, new BeanFactoryResolver(context));
	}

	/**
	 * Answers {@code system.accessDenied} when Spring Security denies something a handler does (such as calling
	 * a bean with method security), instead of {@code system.internalError}.
	 * @return the exception handler, asked after the application's
	 */
	@Bean
	@Order(Ordered.LOWEST_PRECEDENCE)
	public ResExceptionHandler resgateAccessDeniedExceptionHandler() {
		return (ex, request) -> (ex instanceof AccessDeniedException || ex instanceof AuthenticationException)
				? ResError.ACCESS_DENIED : null;
	}
}
