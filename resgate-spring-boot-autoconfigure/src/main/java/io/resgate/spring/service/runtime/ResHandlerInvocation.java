package io.resgate.spring.service.runtime;

import org.aopalliance.intercept.MethodInvocation;

import io.resgate.spring.service.ResRequest;

/**
 * One invocation of a handler method, as {@link ResHandlerInterceptor}s see it: an AOP Alliance
 * {@link MethodInvocation} (method, resolved arguments, the component as {@code getThis()}) with the
 * request it answers.
 */
public interface ResHandlerInvocation extends MethodInvocation {

	/** @return the request being handled */
	ResRequest request();
}
