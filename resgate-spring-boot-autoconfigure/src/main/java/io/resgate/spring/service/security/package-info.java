/**
 * Spring Security on the service side, optional: {@code @PreAuthorize} on call and auth handlers evaluated
 * against the authentication built from the connection's RES token, and {@code Authentication} and
 * {@code @AuthenticationPrincipal} handler parameters, plugged in as an interceptor and argument resolvers
 * through a {@link io.resgate.spring.service.config.ResHandlerConfigurer}.
 */
package io.resgate.spring.service.security;
