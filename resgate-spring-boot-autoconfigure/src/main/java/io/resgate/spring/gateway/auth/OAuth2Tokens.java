package io.resgate.spring.gateway.auth;

import java.time.Instant;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.ClaimAccessor;

/**
 * What an OAuth2 bearer token authentication (a JWT, or an introspected opaque token) tells about the
 * lifetime of its connection's token: its ID ({@code jti}) and its expiry ({@code exp}). Loaded only
 * when Spring Security's OAuth2 core library is present.
 */
final class OAuth2Tokens {

	private static final String JTI = "jti";

	private OAuth2Tokens() {
	}

	/**
	 * The token ID of an authentication by a bearer token.
	 * @param authentication the authentication
	 * @return its {@code jti} claim, or {@code null} if it has none or is not a bearer token's
	 */
	static String tokenId(Authentication authentication) {
		for (Object o : new Object[] { authentication.getCredentials(), authentication.getPrincipal() }) {
			if (o instanceof ClaimAccessor claims && claims.hasClaim(JTI)) {
				return claims.getClaimAsString(JTI);
			}
		}
		return null;
	}

	/**
	 * When the bearer token of an authentication expires.
	 * @param authentication the authentication
	 * @return its expiry, or {@code null} if it has none or is not a bearer token's
	 */
	static Instant expiresAt(Authentication authentication) {
		for (Object o : new Object[] { authentication.getCredentials(), authentication.getPrincipal() }) {
			if (o instanceof AbstractOAuth2Token t && t.getExpiresAt() != null) {
				return t.getExpiresAt();
			}
		}
		return null;
	}
}
