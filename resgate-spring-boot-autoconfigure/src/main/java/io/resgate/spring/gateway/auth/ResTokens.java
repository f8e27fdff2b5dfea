package io.resgate.spring.gateway.auth;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.Rid;
import io.resgate.spring.protocol.Subjects;
import io.resgate.spring.protocol.TokenReset;

/**
 * Revokes connection tokens on every gateway: {@link #reset} publishes {@code system.tokenReset}
 * with the token IDs. Each gateway that gets it handles every connection whose token has one of
 * them:
 * <ul>
 * <li>a token the connection took from its opening request (Spring Security's authentication; token
 * ID: the HTTP session's ID, or a JWT's {@code jti}) is cleared, and access is checked again: the
 * client gets {@code unsubscribe} events for what it may no longer see;</li>
 * <li>a token a service set (an auth method's token event) makes the gateway send an auth request
 * to the subject, as the RES service protocol asks, so the service can renew or clear it.</li>
 * </ul>
 * The gateway publishes it by itself when an HTTP session ends (logout, invalidation, timeout; see
 * {@code resgate.security.reset-on-session-end}). Inject this bean to revoke tokens by other means:
 * a "sign out everywhere", a revoked JWT, a user whose roles changed.
 */
public class ResTokens {

	private final Messaging messaging;

	private final ResCodec codec;

	private final String subject;

	/**
	 * Creates the publisher.
	 * @param messaging where to publish
	 * @param codec the JSON codec
	 * @param subject the subject of the auth requests for connections whose token a service set
	 * ({@code resgate.security.token-reset-subject})
	 * @throws IllegalArgumentException if the subject is not a valid resource name
	 */
	public ResTokens(Messaging messaging, ResCodec codec, String subject) {
		if (subject == null || !Rid.isValidName(subject)) {
			throw new IllegalArgumentException("Invalid token reset subject: " + subject);
		}
		this.messaging = messaging;
		this.codec = codec;
		this.subject = subject;
	}

	/** @return the subject of the auth requests the resets ask for */
	public String subject() {
		return subject;
	}

	/**
	 * Revokes the tokens with these token IDs on every gateway. Returns at once; the gateways handle
	 * the event on their own threads.
	 * @param tids the token IDs; {@code null} and empty ones are skipped, and nothing is published
	 * if none is left
	 */
	public void reset(String... tids) {
		reset((tids == null) ? List.of() : Arrays.asList(tids));
	}

	/**
	 * Revokes the tokens with these token IDs on every gateway, as {@link #reset(String...)}.
	 * @param tids the token IDs; {@code null} and empty ones are skipped, and nothing is published
	 * if none is left
	 */
	public void reset(Collection<String> tids) {
		Set<String> ids = new LinkedHashSet<>();
		for (String tid : tids) {
			if (tid != null && !tid.isEmpty()) {
				ids.add(tid);
			}
		}
		if (!ids.isEmpty()) {
			messaging.publish(Subjects.SYSTEM_TOKEN_RESET, codec.encode(new TokenReset(ids, subject)));
		}
	}
}
