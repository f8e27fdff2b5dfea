package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pre-response a service may send before its response, {@code timeout:"15000"}, extending the
 * requester's timeout to the given number of milliseconds from its arrival.
 */
public final class PreResponse {

	private static final Pattern TIMEOUT = Pattern.compile("(?:^|\\s)timeout:\"(\\d+)\"");

	private PreResponse() {
	}

	/**
	 * Encodes a pre-response.
	 * @param timeout the new timeout
	 * @return the payload bytes
	 */
	public static byte[] encode(Duration timeout) {
		return ("timeout:\"" + timeout.toMillis() + "\"").getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Tells if a payload is a pre-response: one whose first byte is an ASCII letter, as Resgate
	 * tells them apart. Anything else is the response, to be decoded (and rejected if it is not JSON).
	 * @param payload the message payload
	 * @return whether it is a pre-response
	 */
	public static boolean isPreResponse(byte[] payload) {
		if (payload.length == 0) {
			return false;
		}
		int c = payload[0] | 32;
		return c >= 'a' && c <= 'z';
	}

	/**
	 * Reads the timeout of a pre-response.
	 * @param payload the message payload
	 * @return the timeout, or empty if the payload is no pre-response or has no valid timeout
	 */
	public static Optional<Duration> timeout(byte[] payload) {
		if (!isPreResponse(payload)) {
			return Optional.empty();
		}
		Matcher m = TIMEOUT.matcher(new String(payload, StandardCharsets.UTF_8));
		if (!m.find()) {
			return Optional.empty();
		}
		try {
			return Optional.of(Duration.ofMillis(Long.parseLong(m.group(1))));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}
}
