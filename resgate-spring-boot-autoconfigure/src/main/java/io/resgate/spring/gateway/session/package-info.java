/**
 * Client connections and their subscriptions: direct and indirect subscription counts, resource
 * sets (non-soft references followed recursively, cycles handled, errors of referenced resources
 * in {@code errors}), per-connection access results, events held while loading or re-checking
 * access, and a bounded outbound queue with a single writer per connection.
 *
 * <p>Internal to the gateway: classes here are public only so that the gateway's packages can use
 * one another; applications configure the gateway through {@code resgate.*} properties and beans.
 */
package io.resgate.spring.gateway.session;
