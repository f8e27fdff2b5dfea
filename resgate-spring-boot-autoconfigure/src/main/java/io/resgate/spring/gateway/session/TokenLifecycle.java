package io.resgate.spring.gateway.session;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.gateway.cache.ResourceCache;
import io.resgate.spring.protocol.RawJson;
import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.protocol.ServiceRequest;
import io.resgate.spring.protocol.TokenEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A connection's token and its life: set by a service's token event or from the connection's opening
 * HTTP request, changed (access to direct subscriptions is then checked again), expired, and reset by
 * {@code system.tokenReset}. Confined to the connection's serial context, but for {@link #token()},
 * which the connection reads there too.
 */
final class TokenLifecycle {

	/** The connection's logger: the token lines keep the category they always had. */
	private static final Log logger = LogFactory.getLog(ClientConnection.class);

	private final ClientConnection conn;

	private final ResourceCache cache;

	private final ScheduledExecutorService timer;

	private RawJson token;

	private String tid;

	/** Whether the token came from the opening HTTP request: no auth method stands behind it. */
	private boolean fromRequest;

	/** Clears a request token when it expires; {@code null} if none is pending. */
	private ScheduledFuture<?> expiry;

	/**
	 * @param conn the connection
	 * @param cache the resource cache, for the auth requests of token resets
	 * @param timer the gateway's timer, for the expiry of a token from the opening request
	 */
	TokenLifecycle(ClientConnection conn, ResourceCache cache, ScheduledExecutorService timer) {
		this.conn = conn;
		this.cache = cache;
		this.timer = timer;
	}

	/** @return the token, or {@code null} */
	RawJson token() {
		return token;
	}

	/**
	 * Takes a token event ({@code conn.<cid>.token}).
	 * @param data its payload
	 */
	void onTokenEvent(byte[] data) {
		TokenEvent event;
		try {
			event = conn.messages().codec().decodeTokenEvent(data);
		}
		catch (ResException ex) {
			logger.error("Error processing token event: malformed event payload: " + ex.getError().message());
			return;
		}
		set(event.token(), event.tid());
	}

	/** See {@link ClientConnection#setToken}. */
	void set(RawJson newToken, String newTid) {
		cancelExpiry();
		fromRequest = false;
		tid = newTid;
		if (token == null) {
			token = newToken;
			return;
		}
		token = newToken;
		conn.reaccessAll();
	}

	/** See {@link ClientConnection#setRequestToken}; no expiry is set once the connection is disposed. */
	void setFromRequest(RawJson newToken, String newTid, Instant expiresAt, boolean disposed) {
		set(newToken, newTid);
		fromRequest = true;
		if (expiresAt == null || disposed) {
			return;
		}
		long delay = Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis());
		try {
			expiry = timer.schedule(() -> conn.enqueue(() -> expire(newToken)), delay, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// the gateway is stopping: the connection is about to close
		}
	}

	private void expire(RawJson expiring) {
		if (fromRequest && token == expiring) {
			if (logger.isDebugEnabled()) {
				logger.debug("Token of connection " + conn.cid() + " expired: cleared, access checked again");
			}
			set(null, null);
		}
	}

	/** Cancels the expiry of a token from the opening request, if one is pending. */
	void cancelExpiry() {
		if (expiry != null) {
			expiry.cancel(false);
			expiry = null;
		}
	}

	/** See {@link ClientConnection#tokenReset}; in the connection's serial context. */
	void reset(Set<String> tids, String subject) {
		if (tid == null || !tids.contains(tid)) {
			return;
		}
		if (fromRequest) {
			if (logger.isDebugEnabled()) {
				logger.debug("Token of connection " + conn.cid() + " reset (token ID " + tid
						+ "): cleared, access checked again");
			}
			set(null, null);
			return;
		}
		ServiceRequest payload = ResourceCache.authRequest(null, true, token, "", conn.cid(), false,
				conn.httpRequest());
		cache.customAuth(subject, payload, r -> {
			if (r.isError() && r.error().is(ResError.CODE_TIMEOUT)) {
				logger.error("Token reset auth request timeout on subject: " + subject);
			}
		});
	}
}
