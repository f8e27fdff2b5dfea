package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the requested method name of a call or auth request to a {@code String}; useful with the
 * wildcard handlers {@code @ResCall("*")} and {@code @ResAuth("*")}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResMethod {
}
