package io.resgate.spring.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.resgate.spring.messaging.MessagingException;

/**
 * No NATS server of {@code resgate.nats.url} could be connected to at startup. The server URLs it
 * names are free of credentials (user, password or token), and so is its message; the cause is the
 * error of the last attempt, when known.
 */
public class NatsConnectionException extends MessagingException {

	private final List<String> urls;

	private final Duration connectionTimeout;

	/**
	 * @param urls the server URLs tried, as configured (credentials are removed here)
	 * @param connectionTimeout the timeout of each attempt
	 * @param cause the error of the last attempt, or {@code null}
	 */
	public NatsConnectionException(List<String> urls, Duration connectionTimeout, Throwable cause) {
		super("Cannot connect to NATS at " + String.join(", ", safe(urls))
				+ ((cause != null) ? ": " + cause.getMessage() : ""), cause);
		this.urls = safe(urls);
		this.connectionTimeout = connectionTimeout;
	}

	private static List<String> safe(List<String> urls) {
		return urls.stream().filter(u -> !u.isBlank()).map(NatsConnectionException::withoutCredentials).toList();
	}

	/** @return the server URLs tried, without credentials */
	public List<String> getUrls() {
		return urls;
	}

	/** @return the timeout of each connection attempt */
	public Duration getConnectionTimeout() {
		return connectionTimeout;
	}

	/**
	 * A server URL with its user information (user and password, or token) replaced by {@code ***}.
	 * @param url the URL as configured
	 * @return the URL safe to log
	 */
	static String withoutCredentials(String url) {
		String u = url.trim();
		int scheme = u.indexOf("://");
		int start = (scheme < 0) ? 0 : scheme + 3;
		int end = u.indexOf('/', start);
		String authority = (end < 0) ? u.substring(start) : u.substring(start, end);
		int at = authority.lastIndexOf('@');
		if (at < 0) {
			return u;
		}
		return u.substring(0, start) + "***@" + authority.substring(at + 1) + ((end < 0) ? "" : u.substring(end));
	}
}
