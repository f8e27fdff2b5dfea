package io.resgate.spring.gateway.auth;

import org.springframework.security.core.Authentication;

/**
 * Maps a Spring Security {@link Authentication} to the RES token of the connection it opens. The
 * token is sent as JSON to the services in every access, get, call and auth request of that
 * connection, so it should hold what access rules need and nothing secret (services on NATS read
 * it as plain JSON). Declare a bean of this type to replace the default, which gives
 * {@code {"name": <principal name>, "authorities": [<authority>, ...]}}.
 *
 * <p>An exception thrown by the mapper denies the connection its token (it starts with none) and
 * is logged once, without its stack trace reaching the client.
 */
@FunctionalInterface
public interface ResTokenMapper {

	/**
	 * Maps an authentication to a token.
	 * @param authentication an authenticated, non-anonymous authentication
	 * @return the token, any value Jackson writes as a JSON object; {@code null} for no token
	 */
	Object toToken(Authentication authentication);

	/**
	 * The default mapping: the principal's name and authorities.
	 * @return the mapper
	 */
	static ResTokenMapper nameAndAuthorities() {
		return new DefaultResTokenMapper();
	}
}
