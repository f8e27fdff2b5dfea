/**
 * The service runtime: {@link io.resgate.spring.service.runtime.ResServiceRegistry} subscribes to the
 * request subjects of the registered components, routes requests to handler methods on per-resource
 * workers, encodes the responses exactly as go-res does, and publishes events.
 */
package io.resgate.spring.service.runtime;
