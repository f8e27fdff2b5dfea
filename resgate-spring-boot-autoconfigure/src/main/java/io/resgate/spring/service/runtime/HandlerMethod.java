package io.resgate.spring.service.runtime;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;

import org.springframework.util.ReflectionUtils;

/**
 * One handler method of a resource component with its argument resolvers.
 */
final class HandlerMethod {

	/** Resolves one argument from the request. */
	@FunctionalInterface
	interface ArgumentResolver {

		Object resolve(RequestContext request) throws Exception;
	}

	private final Object bean;

	private final Method method;

	private final ArgumentResolver[] resolvers;

	private final Duration timeout;

	private final boolean parallel;

	HandlerMethod(Object bean, Method method, ArgumentResolver[] resolvers, Duration timeout, boolean parallel) {
		this.bean = bean;
		this.method = method;
		this.resolvers = resolvers;
		this.timeout = timeout;
		this.parallel = parallel;
		ReflectionUtils.makeAccessible(method);
	}

	/** @return the pre-response timeout, or {@code null} */
	Duration timeout() {
		return timeout;
	}

	/** @return whether requests to this handler skip the per-resource queue */
	boolean parallel() {
		return parallel;
	}

	Method method() {
		return method;
	}

	/**
	 * Resolves the arguments and invokes the method.
	 * @param request the request
	 * @return the return value
	 * @throws Throwable whatever the resolvers or the method throw
	 */
	Object invoke(RequestContext request) throws Throwable {
		Object[] args = new Object[resolvers.length];
		for (int i = 0; i < resolvers.length; i++) {
			args[i] = resolvers[i].resolve(request);
		}
		try {
			return method.invoke(bean, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	@Override
	public String toString() {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}
}
