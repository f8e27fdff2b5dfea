package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a component that serves resources of no particular type: only access ({@link ResAccess}),
 * call ({@link ResCall}) and auth ({@link ResAuth}) handlers, no get handler. Typical for authentication
 * endpoints ({@code "passwd"} with {@code @ResAuth("login")}) or an access handler for a whole
 * namespace ({@code "library.>"}).
 *
 * <p>The pattern is a resource name with optional placeholders and a trailing full wildcard:
 * {@code "library.book.$id"} matches {@code library.book.42} and binds {@code id} (see {@link PathParam}),
 * {@code *} matches any one part without binding it, and a final {@code >} matches one or more parts.
 * Spring property placeholders ({@code ${app.prefix}.book.$id}) are resolved at startup.
 *
 * <p>Requests and events for one resource are handled one at a time, in arrival order; different
 * resources are handled in parallel. {@link #parallel()} opts out, {@link #group()} widens the unit of ordering.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface ResResource {

	/**
	 * The resource name pattern, such as {@code "passwd"} or {@code "library.>"}.
	 * @return the pattern
	 */
	@AliasFor("pattern")
	String value() default "";

	/**
	 * Alias for {@link #value()}.
	 * @return the pattern
	 */
	@AliasFor("value")
	String pattern() default "";

	/**
	 * Whether requests for these resources are handled in parallel instead of one at a time per resource.
	 * @return whether to opt out of per-resource ordering
	 */
	boolean parallel() default false;

	/**
	 * The worker group: requests and events of all resources with the same group are handled one at a
	 * time. May refer to placeholders as {@code ${id}}, such as {@code "library.book.${id}"}. Defaults to
	 * the resource name.
	 * @return the group
	 */
	String group() default "";
}
