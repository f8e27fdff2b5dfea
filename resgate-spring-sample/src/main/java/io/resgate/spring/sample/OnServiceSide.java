package io.resgate.spring.sample;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;

/**
 * Marks the sample's service beans: they exist only when this process runs the service side
 * ({@code resgate.service.enabled}, default {@code true}), so the same jar can run as a gateway only.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ConditionalOnBooleanProperty(name = "resgate.service.enabled", matchIfMissing = true)
public @interface OnServiceSide {
}
