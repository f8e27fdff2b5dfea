package io.resgate.spring.service.runtime;

import java.util.Collection;
import java.util.Map;

/**
 * The root object of the SpEL expressions of {@code @ResAccess(get = ..., call = ...)} rules: what an
 * expression reads without a prefix ({@code token}, {@code pathParams}, {@code hasRole('ADMIN')}). The
 * placeholders of the resource pattern are also variables ({@code #user}).
 */
public final class AccessExpressionRoot {

	private final Object token;

	private final String resourceName;

	private final Map<String, String> pathParams;

	private final String cid;

	AccessExpressionRoot(Object token, String resourceName, Map<String, String> pathParams, String cid) {
		this.token = token;
		this.resourceName = resourceName;
		this.pathParams = pathParams;
		this.cid = cid;
	}

	/**
	 * The connection's token as plain JSON values: an object is a {@code Map} (whose missing members read as
	 * {@code null} in expressions), an array a {@code List}.
	 * @return the token, or {@code null} if the connection has none
	 */
	public Object getToken() {
		return token;
	}

	/** @return the resource name, such as {@code account.jane} */
	public String getResourceName() {
		return resourceName;
	}

	/** @return the values of the pattern's placeholders by name */
	public Map<String, String> getPathParams() {
		return pathParams;
	}

	/** @return the connection ID */
	public String getCid() {
		return cid;
	}

	/** @return whether the connection has a token */
	public boolean isAuthenticated() {
		return token != null;
	}

	/**
	 * Tells if the token's {@code authorities} array (as in the token the gateway makes from a Spring Security
	 * authentication) holds an authority.
	 * @param authority the authority, such as {@code ROLE_ADMIN}
	 * @return whether the token has it
	 */
	public boolean hasAuthority(String authority) {
		return authorities().contains(authority);
	}

	/**
	 * Tells if the token's {@code authorities} array holds any of some authorities.
	 * @param authorities the authorities
	 * @return whether the token has one of them
	 */
	public boolean hasAnyAuthority(String... authorities) {
		Collection<?> held = authorities();
		for (String a : authorities) {
			if (held.contains(a)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tells if the token's {@code authorities} array holds a role: the authority {@code ROLE_<role>}.
	 * @param role the role, with or without the {@code ROLE_} prefix
	 * @return whether the token has it
	 */
	public boolean hasRole(String role) {
		return hasAuthority(role.startsWith("ROLE_") ? role : "ROLE_" + role);
	}

	/**
	 * Tells if the token's {@code authorities} array holds any of some roles.
	 * @param roles the roles, with or without the {@code ROLE_} prefix
	 * @return whether the token has one of them
	 */
	public boolean hasAnyRole(String... roles) {
		for (String r : roles) {
			if (hasRole(r)) {
				return true;
			}
		}
		return false;
	}

	private Collection<?> authorities() {
		if (token instanceof Map<?, ?> map && map.get("authorities") instanceof Collection<?> c) {
			return c;
		}
		return java.util.List.of();
	}
}
