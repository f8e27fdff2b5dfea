package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds an HTTP header of the client connection, sent with auth requests (header names are matched
 * case-insensitively). A {@code String} gets the first value or {@code null}, a {@code List<String>}
 * all values, an {@code Optional<String>} the first value if any; a
 * {@code Map<String, List<String>>} without a name gets all headers.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResHeader {

	/**
	 * The header name, such as {@code "Cookie"}; empty to bind all headers as a map.
	 * @return the name
	 */
	String value() default "";
}
