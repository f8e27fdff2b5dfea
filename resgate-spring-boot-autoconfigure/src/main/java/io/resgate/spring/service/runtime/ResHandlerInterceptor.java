package io.resgate.spring.service.runtime;

import java.lang.reflect.Method;

/**
 * Runs around the invocation of handler methods, after their arguments are resolved: for checks such as
 * {@code @PreAuthorize} or for a context the handler needs (such as a security context). Added through a
 * {@code ResHandlerConfigurer}, asked once per handler method at startup whether it applies.
 */
public interface ResHandlerInterceptor {

	/**
	 * Tells if this interceptor runs around a handler method; asked once, at startup.
	 * @param method the handler method
	 * @param componentType the resource component's class
	 * @return whether to intercept its invocations
	 */
	default boolean appliesTo(Method method, Class<?> componentType) {
		return true;
	}

	/**
	 * Intercepts one invocation: call {@link ResHandlerInvocation#proceed()} to go on, or throw (a
	 * {@code ResException} becomes the error response) to answer without invoking the handler.
	 * @param invocation the invocation, with its request and resolved arguments
	 * @return the handler's return value (or another one to answer with)
	 * @throws Throwable whatever the interceptor or the handler throws
	 */
	Object intercept(ResHandlerInvocation invocation) throws Throwable;
}
