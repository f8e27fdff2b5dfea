package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a parameter of the request's query ({@code limit} in {@code library.books?limit=10}),
 * converted with Spring's conversion service. {@code List} parameters get all values, {@code Optional}
 * parameters may be absent. A missing required value or one that cannot be converted answers
 * {@code system.invalidQuery}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueryParam {

	/** Marker for "no default value". */
	String NO_DEFAULT = "\n\t\t\n\t\t\n\uE000\uE001\uE002\n\t\t\t\t\n";

	/**
	 * The query parameter name; defaults to the parameter name.
	 * @return the name
	 */
	String value() default "";

	/**
	 * The value used when the parameter is absent.
	 * @return the default value
	 */
	String defaultValue() default NO_DEFAULT;

	/**
	 * Whether the parameter must be present (ignored when a default value is given or the type is {@code Optional}).
	 * @return whether it is required
	 */
	boolean required() default true;
}
