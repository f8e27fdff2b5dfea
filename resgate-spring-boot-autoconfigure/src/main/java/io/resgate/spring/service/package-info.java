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
 */
package io.resgate.spring.service;
