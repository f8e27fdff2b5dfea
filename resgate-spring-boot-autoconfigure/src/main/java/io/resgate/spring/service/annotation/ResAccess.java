package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the access handler of a resource component: answers {@code access.<resource>}.
 *
 * <p>Return an {@code Access} ({@code Access.granted()}, {@code Access.of(true, "set,new")}, ...) or a
 * {@code boolean} (full access or none), optionally in a {@code ResResponse} or
 * {@code CompletableFuture}. Resources without an access handler get no reply at all to access
 * requests, so another service may own their access.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResAccess {

	/**
	 * Whether access requests are handled in parallel with other requests for the same resource.
	 * @return whether to opt out of per-resource ordering
	 */
	boolean parallel() default false;
}
