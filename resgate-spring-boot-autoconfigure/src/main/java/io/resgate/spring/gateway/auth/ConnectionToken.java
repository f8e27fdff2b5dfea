package io.resgate.spring.gateway.auth;

import java.util.Objects;

import io.resgate.spring.protocol.RawJson;

/**
 * The token a client connection starts with, as a token event would set it.
 * @param token the token, JSON as services get it in their requests' {@code token} member
 * @param tid the token ID ({@code system.tokenReset} names it), or {@code null}
 */
public record ConnectionToken(RawJson token, String tid) {

	/**
	 * Checks the token.
	 * @param token the token
	 * @param tid the token ID, or {@code null}
	 */
	public ConnectionToken {
		Objects.requireNonNull(token, "token");
	}
}
