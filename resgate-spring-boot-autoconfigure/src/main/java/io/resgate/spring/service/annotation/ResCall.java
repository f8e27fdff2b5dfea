package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a call method handler: answers {@code call.<resource>.<method>}.
 *
 * <p>The return value is the result ({@code void} and {@code null} give {@code {"result":null}}); a
 * {@code ResRef} gives a resource response ({@code {"resource":{"rid":...}}}); a {@code ResResponse}
 * gives full control (meta status and headers, resource, error); {@code CompletableFuture} for
 * asynchronous handlers. Throw {@code ResException} for a RES error. Calls of methods with no
 * handler answer {@code system.methodNotFound}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResCall {

	/**
	 * The method name, such as {@code "set"} or {@code "new"}; {@code "*"} handles every method without
	 * its own handler (bind the name with {@link ResMethod}). Defaults to the Java method's name.
	 * @return the method name
	 */
	String value() default "";

	/**
	 * A pre-response timeout, such as {@code "10s"}: sent as {@code timeout:"10000"} when the request
	 * arrives, so the gateway waits that long for a slow handler. Empty for none.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Whether calls of this method are handled in parallel with other requests for the same resource.
	 * @return whether to opt out of per-resource ordering
	 */
	boolean parallel() default false;
}
