package io.resgate.spring.gateway.auth;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;

/**
 * Revokes the tokens an HTTP session gave: when a session ends (logout, which invalidates it by
 * default; an explicit invalidation; a timeout) or its ID changes (a login's session fixation
 * protection), {@code system.tokenReset} is published with the session's (old) ID, the token ID of
 * the connections it authenticated. Registered with the servlet container as a listener bean.
 */
public final class SessionTokenReset implements HttpSessionListener, HttpSessionIdListener {

	private final ResTokens tokens;

	/**
	 * Creates the listener.
	 * @param tokens publishes the token resets
	 */
	public SessionTokenReset(ResTokens tokens) {
		this.tokens = tokens;
	}

	@Override
	public void sessionDestroyed(HttpSessionEvent se) {
		tokens.reset(se.getSession().getId());
	}

	@Override
	public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
		tokens.reset(oldSessionId);
	}
}
