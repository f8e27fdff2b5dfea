package io.resgate.spring.service.security;

import java.util.Collection;

import tools.jackson.databind.JsonNode;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * An authentication made from a connection's RES token (which the gateway set after authenticating the
 * connection): its principal is the user's name, its authorities those the token lists, and the token itself
 * is at hand.
 */
public final class ResTokenAuthentication extends AbstractAuthenticationToken {

	private static final long serialVersionUID = 1L;

	private final String name;

	private final transient JsonNode token;

	/**
	 * Creates an authenticated authentication.
	 * @param name the user's name, the principal
	 * @param authorities the authorities
	 * @param token the token it was made from
	 */
	public ResTokenAuthentication(String name, Collection<? extends GrantedAuthority> authorities, JsonNode token) {
		super(authorities);
		this.name = name;
		this.token = token;
		setAuthenticated(true);
	}

	/** @return the user's name */
	@Override
	public Object getPrincipal() {
		return name;
	}

	/** @return {@code null}: the token is no credential the service could check */
	@Override
	public Object getCredentials() {
		return null;
	}

	/** @return the RES token this authentication was made from */
	public JsonNode getToken() {
		return token;
	}
}
