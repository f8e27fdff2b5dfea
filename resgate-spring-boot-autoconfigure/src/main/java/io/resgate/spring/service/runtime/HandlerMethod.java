package io.resgate.spring.service.runtime;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;
import org.springframework.util.ReflectionUtils;

import io.resgate.spring.service.ResRequest;

/**
 * One handler method of a resource component: a spring-messaging {@link InvocableHandlerMethod} whose
 * arguments the registry's argument resolvers resolve from the request, with the interceptors that apply
 * to it, its pre-response timeout and its ordering.
 */
final class HandlerMethod {

	private final Invocable invocable;

	private final Duration timeout;

	private final boolean parallel;

	HandlerMethod(Invocable invocable, Duration timeout, boolean parallel) {
		this.invocable = invocable;
		this.timeout = timeout;
		this.parallel = parallel;
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
		return invocable.getMethod();
	}

	/**
	 * Resolves the arguments and invokes the method, through the interceptors that apply.
	 * @param request the request
	 * @return the return value
	 * @throws Throwable whatever the resolvers, the interceptors or the method throw
	 */
	Object invoke(RequestContext request) throws Throwable {
		return invocable.invoke(new RequestMessage(request));
	}

	@Override
	public String toString() {
		return invocable.getMethod().getDeclaringClass().getSimpleName() + "." + invocable.getMethod().getName();
	}

	/**
	 * The invocable method: spring-messaging's argument resolution, then the interceptors around the
	 * reflective call.
	 */
	static final class Invocable extends InvocableHandlerMethod {

		private final ResHandlerInterceptor[] interceptors;

		private final Method proxyMethod;

		/**
		 * @param bean the component (or its proxy)
		 * @param method the annotated method, whose parameters are resolved
		 * @param proxyMethod the method to invoke instead when the component is a JDK proxy (the interface's),
		 * {@code null} to invoke {@code method}
		 * @param interceptors the interceptors that apply
		 */
		Invocable(Object bean, Method method, Method proxyMethod, List<ResHandlerInterceptor> interceptors) {
			super(bean, method);
			this.proxyMethod = proxyMethod;
			this.interceptors = interceptors.toArray(new ResHandlerInterceptor[0]);
			// handler methods may be package-private, in package-private classes
			ReflectionUtils.makeAccessible(getBridgedMethod());
			if (proxyMethod != null) {
				ReflectionUtils.makeAccessible(proxyMethod);
			}
		}

		@Override
		protected Object doInvoke(Object... args) throws Exception {
			if (proxyMethod == null) {
				return super.doInvoke(args);
			}
			try {
				return proxyMethod.invoke(getBean(), args);
			}
			catch (InvocationTargetException ex) {
				Throwable target = ex.getTargetException();
				if (target instanceof Exception e) {
					throw e;
				}
				if (target instanceof Error e) {
					throw e;
				}
				throw new IllegalStateException(target);
			}
		}

		@Override
		public Object invoke(Message<?> message, Object... providedArgs) throws Exception {
			Object[] args = getMethodArgumentValues(message, providedArgs);
			if (interceptors.length == 0) {
				return doInvoke(args);
			}
			try {
				return new Chain(((RequestMessage) message).request(), args).proceed();
			}
			catch (Exception | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** The interceptors' view of one invocation. */
		private final class Chain implements ResHandlerInvocation {

			private final ResRequest request;

			private final Object[] args;

			private int next;

			Chain(ResRequest request, Object[] args) {
				this.request = request;
				this.args = args;
			}

			@Override
			public ResRequest request() {
				return request;
			}

			@Override
			public Method getMethod() {
				return getBridgedMethod();
			}

			@Override
			public Object[] getArguments() {
				return args;
			}

			@Override
			public Object getThis() {
				return getBean();
			}

			@Override
			public AccessibleObject getStaticPart() {
				return getBridgedMethod();
			}

			@Override
			public Object proceed() throws Throwable {
				if (next < interceptors.length) {
					return interceptors[next++].intercept(this);
				}
				return doInvoke(args);
			}
		}
	}
}
