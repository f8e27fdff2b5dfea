/**
 * Publishing RES events from services: {@link io.resgate.spring.service.events.ResEvents} (an injectable
 * bean) and query requests of query events ({@link io.resgate.spring.service.events.QueryRequest}).
 */
package io.resgate.spring.service.events;
