package io.resgate.spring.service.security;

import java.lang.reflect.Method;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.expression.method.MethodSecurityExpressionHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.runtime.ResHandlerInterceptor;
import io.resgate.spring.service.runtime.ResHandlerInvocation;

/**
 * Evaluates {@code @PreAuthorize} of call and auth handlers (on the method, or on the class for all of them)
 * and of access handlers (on the method) with Spring Security's own method security, against the
 * authentication made from the connection's token (anonymous without one). While the handler runs, that
 * authentication is in the {@link SecurityContextHolder}. Denied, or denied by method security the handler
 * calls: {@code system.accessDenied}.
 */
final class PreAuthorizeInterceptor implements ResHandlerInterceptor {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service.security");

	private final TokenAuthentications authentications;

	private final AuthorizationManagerBeforeMethodInterceptor preAuthorize;

	PreAuthorizeInterceptor(TokenAuthentications authentications, MethodSecurityExpressionHandler expressions) {
		this.authentications = authentications;
		PreAuthorizeAuthorizationManager manager = new PreAuthorizeAuthorizationManager();
		manager.setExpressionHandler(expressions);
		this.preAuthorize = AuthorizationManagerBeforeMethodInterceptor.preAuthorize(manager);
	}

	@Override
	public boolean appliesTo(Method method, Class<?> componentType) {
		boolean onMethod = AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class);
		if (onMethod && AnnotatedElementUtils.hasAnnotation(method, ResGet.class)) {
			throw new IllegalStateException("@PreAuthorize on get handler " + method.toGenericString()
					+ ": get requests carry no token; decide who may read with @ResAccess");
		}
		boolean callOrAuth = AnnotatedElementUtils.hasAnnotation(method, ResCall.class)
				|| AnnotatedElementUtils.hasAnnotation(method, ResAuth.class);
		return onMethod || (callOrAuth && AnnotatedElementUtils.hasAnnotation(componentType, PreAuthorize.class));
	}

	@Override
	public Object intercept(ResHandlerInvocation invocation) throws Throwable {
		SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
		SecurityContext previous = holder.getContext();
		SecurityContext context = holder.createEmptyContext();
		context.setAuthentication(authentications.orAnonymous(invocation.request()));
		holder.setContext(context);
		try {
			return preAuthorize.invoke(invocation);
		}
		catch (AccessDeniedException | AuthenticationException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Denied " + invocation.request().type() + " " + invocation.request().resourceName()
						+ " to " + context.getAuthentication().getName() + ": " + ex.getMessage());
			}
			throw new ResException(ResError.ACCESS_DENIED);
		}
		finally {
			if (previous.getAuthentication() == null) {
				holder.clearContext();
			}
			else {
				holder.setContext(previous);
			}
		}
	}
}
