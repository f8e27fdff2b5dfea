/**
 * The WebSocket transport: an upgrade-only handler mapping at {@code resgate.ws-path}, the
 * handshake (origin check, connection ID, header authentication) and the frame adapter.
 *
 * <p>Internal to the gateway: classes here are public only so that the gateway's packages can use
 * one another; applications configure the gateway through {@code resgate.*} properties and beans.
 */
package io.resgate.spring.gateway.web;
