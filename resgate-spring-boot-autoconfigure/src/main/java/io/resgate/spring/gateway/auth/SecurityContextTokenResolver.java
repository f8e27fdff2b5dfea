package io.resgate.spring.gateway.auth;

import java.time.Instant;

import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * The token of a connection from Spring Security: the {@link Authentication} the application's
 * filter chain left in the {@link SecurityContextHolder} for the opening request (from a session
 * after form login, HTTP Basic, a bearer token, a remember-me cookie...), mapped by the
 * {@link ResTokenMapper}. No authentication, an anonymous or unauthenticated one, gives no token.
 * The token ID is a bearer token's {@code jti} claim (an OAuth2 resource server's JWT), else the
 * HTTP session's ID when the request has a session. A bearer token's expiry ({@code exp}) is the
 * token's: the gateway clears it then and checks access again.
 */
public final class SecurityContextTokenResolver implements ConnectionTokenResolver {

	private static final Log logger = LogFactory.getLog(SecurityContextTokenResolver.class);

	private static final boolean OAUTH2_PRESENT = ClassUtils.isPresent(
			"org.springframework.security.oauth2.core.AbstractOAuth2Token", SecurityContextTokenResolver.class.getClassLoader());

	private final ResTokenMapper mapper;

	private final ResCodec codec;

	/**
	 * Creates the resolver.
	 * @param mapper maps an authentication to a token
	 * @param codec encodes the token
	 */
	public SecurityContextTokenResolver(ResTokenMapper mapper, ResCodec codec) {
		this.mapper = mapper;
		this.codec = codec;
	}

	@Override
	public ConnectionToken resolve(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		RawJson token;
		try {
			Object value = mapper.toToken(authentication);
			if (value == null) {
				return null;
			}
			token = (value instanceof RawJson raw) ? raw : RawJson.of(codec.encode(value));
		}
		catch (RuntimeException ex) {
			logger.error("Mapping the authentication of " + authentication.getName() + " to a RES token failed ("
					+ ex.getClass().getSimpleName() + ": " + ex.getMessage() + "); the connection has no token");
			return null;
		}
		String tid = OAUTH2_PRESENT ? OAuth2Tokens.tokenId(authentication) : null;
		Instant expiresAt = OAUTH2_PRESENT ? OAuth2Tokens.expiresAt(authentication) : null;
		if (tid == null) {
			HttpSession session = request.getSession(false);
			tid = (session != null) ? session.getId() : null;
		}
		return new ConnectionToken(token, tid, expiresAt);
	}
}
