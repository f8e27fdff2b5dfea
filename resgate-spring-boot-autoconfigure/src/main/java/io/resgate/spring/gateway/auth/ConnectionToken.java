package io.resgate.spring.gateway.auth;

import java.time.Instant;
import java.util.Objects;

import io.resgate.spring.protocol.RawJson;

/**
 * The token a client connection starts with, found in the HTTP request that opens it. No auth method
 * stands behind such a token: when a {@code system.tokenReset} names its token ID, or when it
 * expires, the gateway clears it itself and checks the connection's access again (see
 * {@code docs/security.md}).
 * @param token the token, JSON as services get it in their requests' {@code token} member
 * @param tid the token ID ({@code system.tokenReset} names it), or {@code null}
 * @param expiresAt when the token stops being valid (a JWT's {@code exp}), or {@code null} if it does
 * not expire by itself
 */
public record ConnectionToken(RawJson token, String tid, Instant expiresAt) {

	/**
	 * Checks the token.
	 * @param token the token
	 * @param tid the token ID, or {@code null}
	 * @param expiresAt when the token expires, or {@code null}
	 */
	public ConnectionToken {
		Objects.requireNonNull(token, "token");
	}

	/**
	 * A token that does not expire by itself.
	 * @param token the token
	 * @param tid the token ID, or {@code null}
	 */
	public ConnectionToken(RawJson token, String tid) {
		this(token, tid, null);
	}
}
