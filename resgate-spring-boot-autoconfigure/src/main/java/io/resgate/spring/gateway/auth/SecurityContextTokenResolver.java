package io.resgate.spring.gateway.auth;

import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResCodec;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The token of a connection from Spring Security: the {@link Authentication} the application's
 * filter chain left in the {@link SecurityContextHolder} for the opening request (from a session
 * after form login, HTTP Basic, a bearer token, a remember-me cookie...), mapped by the
 * {@link ResTokenMapper}. No authentication, an anonymous or unauthenticated one, gives no token.
 * The token ID is the HTTP session's ID when the request has a session.
 */
public final class SecurityContextTokenResolver implements ConnectionTokenResolver {

	private static final Log logger = LogFactory.getLog(SecurityContextTokenResolver.class);

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
		HttpSession session = request.getSession(false);
		return new ConnectionToken(token, (session != null) ? session.getId() : null);
	}
}
