package io.resgate.spring.service.security;

import java.util.List;

import tools.jackson.databind.JsonNode;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.ResRequest;

/**
 * The authentication of a request, from its token through the {@link ResAuthenticationConverter}.
 */
final class TokenAuthentications {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service.security");

	private static final Authentication ANONYMOUS = new AnonymousAuthenticationToken("resgate", "anonymousUser",
			List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS")));

	private final ResAuthenticationConverter converter;

	TokenAuthentications(ResAuthenticationConverter converter) {
		this.converter = converter;
	}

	/**
	 * The authentication of a request.
	 * @param request the request
	 * @return the converted token's authentication, or {@code null} if the request has no token or the converter
	 * gave none
	 * @throws ResException {@code system.accessDenied} if the converter failed (logged once)
	 */
	Authentication of(ResRequest request) {
		JsonNode token = request.rawToken();
		if (token == null) {
			return null;
		}
		try {
			return converter.convert(token);
		}
		catch (RuntimeException ex) {
			logger.error("Cannot make an authentication of the token of " + request.type() + " "
					+ request.resourceName() + ((request.method() != null) ? "." + request.method() : "")
					+ " (access denied): " + ex);
			throw new ResException(ResError.ACCESS_DENIED);
		}
	}

	/**
	 * The authentication a security check sees: that of the token, anonymous without one.
	 * @param request the request
	 * @return the authentication, never {@code null}
	 */
	Authentication orAnonymous(ResRequest request) {
		Authentication a = of(request);
		return (a != null) ? a : ANONYMOUS;
	}
}
