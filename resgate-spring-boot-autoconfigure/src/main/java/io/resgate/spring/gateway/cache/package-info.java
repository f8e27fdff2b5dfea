/**
 * The gateway's resource cache, free of Spring and servlet types: one entry per resource name and
 * normalized query, one get request in flight, one event subscription per cached name, events
 * applied to the cached model or collection (no-op changes dropped, add/remove indexes validated),
 * system resets and query events turned into change, add and remove events by diffing, and access,
 * call and auth requests whose answers are ordered with the events of their resource.
 *
 * <p>Internal to the gateway: classes here are public only so that the gateway's packages can use
 * one another; applications configure the gateway through {@code resgate.*} properties and beans.
 */
package io.resgate.spring.gateway.cache;
