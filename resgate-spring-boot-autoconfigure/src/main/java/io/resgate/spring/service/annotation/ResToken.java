package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the connection's access token, converted with Jackson to the parameter's type ({@code null}
 * when the connection has no token; use {@code Optional<T>} to make that explicit). A token that
 * cannot be converted answers {@code system.internalError}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResToken {
}
