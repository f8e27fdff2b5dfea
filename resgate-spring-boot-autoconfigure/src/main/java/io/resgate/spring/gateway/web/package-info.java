/**
 * The WebSocket transport: an upgrade-only handler mapping at {@code resgate.ws-path}, the
 * handshake (origin check, connection ID, header authentication) and the frame adapter.
 */
package io.resgate.spring.gateway.web;
