package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds the {@code params} of a call or auth request, converted with Jackson to the parameter's type
 * (a record, POJO, {@code Map} or {@code JsonNode}). Absent params bind as an empty object. Params that
 * cannot be converted answer {@code system.invalidParams}; with {@code @Valid} (or {@code @Validated})
 * they are checked with Bean Validation, and violations answer {@code system.invalidParams} with the
 * violation messages.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResParams {
}
