/**
 * The service side: Spring components annotated with {@link io.resgate.spring.service.annotation.ResModel},
 * {@link io.resgate.spring.service.annotation.ResCollection} or
 * {@link io.resgate.spring.service.annotation.ResResource} answer RES-Service requests on the messaging
 * system, and publish events with {@link io.resgate.spring.service.events.ResEvents}.
 *
 * <p>This package holds the values handlers use: {@link io.resgate.spring.service.ResRef},
 * {@link io.resgate.spring.service.DataValue}, {@link io.resgate.spring.service.ResAction},
 * {@link io.resgate.spring.service.Access}, {@link io.resgate.spring.service.QueryResult},
 * {@link io.resgate.spring.service.ResResponse}, the request context
 * {@link io.resgate.spring.service.ResRequest} and {@link io.resgate.spring.service.ResExceptionHandler}.
 *
 * <p>The errors a handler throws or returns are protocol values shared with the gateway, in
 * {@code io.resgate.spring.protocol}: {@link io.resgate.spring.protocol.ResException} (throw it to answer
 * with a RES error, such as {@code ResException.invalidParams("Title must not be empty")}) and
 * {@link io.resgate.spring.protocol.ResError}.
 */
package io.resgate.spring.service;
