package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Decides access to the resources of a component: answers {@code access.<resource>}. Either on a method
 * (the access handler) or on the class, with declarative rules.
 *
 * <p><b>On a method</b>: return an {@code Access} ({@code Access.granted()}, {@code Access.of(true, "set,new")},
 * ...) or a {@code boolean} (full access or none), optionally in a {@code ResResponse} or
 * {@code CompletableFuture}.
 *
 * <p><b>On the class</b>: SpEL expressions over the connection's token and the resource's placeholders, such as
 * <pre>{@code
 * @ResModel("account.$user")
 * @ResAccess(get = "token?.user == #user or token?.role == 'admin'", call = "token?.role == 'admin'")
 * }</pre>
 * {@link #get()} grants get access when it is {@code true}; {@link #call()} grants every call method when
 * {@code true}, or the methods it names when it gives a string ({@code "set,new"}, {@code "*"}). In the
 * expressions, {@code token} is the token as JSON values (objects as maps, a missing member reads as
 * {@code null}; {@code null} when the connection has none), each placeholder is a variable ({@code #user}),
 * and {@code pathParams}, {@code resourceName}, {@code cid}, {@code isAuthenticated()},
 * {@code hasAuthority('...')}, {@code hasAnyAuthority(...)}, {@code hasRole('...')} and {@code hasAnyRole(...)}
 * (read from the token's {@code authorities} array) are available; {@code @bean} refers to a Spring bean.
 * An expression that fails (throws, or gives another type) denies access and is logged once per rule.
 * A class has either access rules or an access method, not both.
 *
 * <p>Resources without either get no reply at all to access requests, so another service may own their access.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResAccess {

	/**
	 * On the class: a SpEL expression that grants get (read) access when {@code true}. Empty: no get access.
	 * @return the expression
	 */
	String get() default "";

	/**
	 * On the class: a SpEL expression that grants call access to every method when {@code true}, or to the
	 * methods of the comma-separated string it gives. Empty: no call access.
	 * @return the expression
	 */
	String call() default "";

	/**
	 * Whether access requests are handled in parallel with other requests for the same resource.
	 * @return whether to opt out of per-resource ordering
	 */
	boolean parallel() default false;
}
