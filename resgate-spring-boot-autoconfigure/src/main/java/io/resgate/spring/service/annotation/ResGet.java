package io.resgate.spring.service.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the get handler of a {@link ResModel} or {@link ResCollection}: answers {@code get.<resource>}.
 *
 * <p>Return a model (record, POJO or {@code Map}) or a collection ({@code List}, {@code Collection},
 * array), optionally wrapped in {@code QueryResult} (normalized query), {@code Optional} or
 * {@code CompletableFuture}. {@code null} or an empty {@code Optional} answers {@code system.notFound}.
 * Property values and items must be primitives, {@code ResRef}s or {@code DataValue}s; a bare nested
 * object or array fails with {@code system.internalError} and a clear log message.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ResGet {

	/**
	 * A pre-response timeout, such as {@code "10s"}: sent as {@code timeout:"10000"} when the request
	 * arrives, so the gateway waits that long for a slow handler. Empty for none.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Whether get requests are handled in parallel with other requests for the same resource.
	 * @return whether to opt out of per-resource ordering
	 */
	boolean parallel() default false;
}
