package io.resgate.spring.service.security;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Builds the Spring Security {@link Authentication} of a request from the connection's RES token: what
 * {@code @PreAuthorize} on handlers is evaluated against, and what {@code Authentication} and
 * {@code @AuthenticationPrincipal} parameters get. Declare a bean of this type for tokens of your own shape;
 * the default reads the token the gateway makes from a Spring Security login,
 * {@code {"name": "jane", "authorities": ["ROLE_USER", ...]}}.
 *
 * <p>An exception thrown by the converter denies the request ({@code system.accessDenied}) and is logged as
 * one line without stack trace.
 */
@FunctionalInterface
public interface ResAuthenticationConverter {

	/**
	 * Converts a token.
	 * @param token the connection's token, never {@code null}
	 * @return the authentication, or {@code null} to treat the connection as anonymous
	 */
	Authentication convert(JsonNode token);

	/**
	 * The default conversion: a {@link ResTokenAuthentication} named by the token's {@code name} string, with the
	 * authorities of its {@code authorities} array (none if it has none).
	 * @return the converter
	 * @throws IllegalArgumentException from {@code convert} if the token has no {@code name} string
	 */
	static ResAuthenticationConverter nameAndAuthorities() {
		return token -> {
			JsonNode name = token.get("name");
			if (name == null || !name.isString()) {
				throw new IllegalArgumentException("the token has no \"name\" string; declare a "
						+ "ResAuthenticationConverter bean for tokens of another shape");
			}
			List<GrantedAuthority> authorities = new ArrayList<>();
			JsonNode list = token.get("authorities");
			if (list != null && list.isArray()) {
				for (JsonNode a : list) {
					if (a.isString()) {
						authorities.add(new SimpleGrantedAuthority(a.asString()));
					}
				}
			}
			return new ResTokenAuthentication(name.asString(), authorities, token);
		};
	}
}
