package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a placeholder of the resource pattern: with {@code @ResModel("library.book.$id")},
 * {@code @PathParam("id") long id} receives {@code 42} for {@code library.book.42}. The value is
 * converted with Spring's conversion service; a value that cannot be converted means the resource
 * does not exist ({@code system.notFound}).
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PathParam {

	/**
	 * The placeholder name without the {@code $}; defaults to the parameter name.
	 * @return the name
	 */
	String value() default "";
}
