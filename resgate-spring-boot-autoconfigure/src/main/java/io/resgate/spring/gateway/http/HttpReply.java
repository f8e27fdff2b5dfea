package io.resgate.spring.gateway.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.observation.Observation;

/**
 * An HTTP response under construction: status, headers and body, written to the client once
 * complete. Header keys are compared without regard to case.
 */
final class HttpReply {

	private int status = 200;

	private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

	private byte[] body;

	private final long startNanos = System.nanoTime();

	private String requestType;

	private Observation observation = Observation.NOOP;

	/** @return the observation of the request this reply answers, {@link Observation#NOOP} if none */
	Observation observation() {
		return observation;
	}

	/**
	 * @param observation the observation of the request this reply answers
	 * @return this reply
	 */
	HttpReply observation(Observation observation) {
		this.observation = observation;
		return this;
	}

	/** @return {@link System#nanoTime()} when the request began to be handled */
	long startNanos() {
		return startNanos;
	}

	/** @return the RES request type this reply answers, for monitoring, or {@code null} if none */
	String requestType() {
		return requestType;
	}

	/**
	 * @param type the RES request type this reply answers ({@code get}, {@code call} or {@code invalid})
	 * @return this reply
	 */
	HttpReply requestType(String type) {
		this.requestType = type;
		return this;
	}

	/** @return the status */
	int status() {
		return status;
	}

	/**
	 * @param status the status
	 * @return this reply
	 */
	HttpReply status(int status) {
		this.status = status;
		return this;
	}

	/** @return the headers (read-only) */
	Map<String, List<String>> headers() {
		return Collections.unmodifiableMap(headers);
	}

	/**
	 * @param name a header name
	 * @return the first value of the header, or {@code null}
	 */
	String header(String name) {
		List<String> v = headers.get(name);
		return (v == null || v.isEmpty()) ? null : v.get(0);
	}

	/**
	 * @param name a header name
	 * @return whether the header is set
	 */
	boolean hasHeader(String name) {
		return headers.containsKey(name);
	}

	/**
	 * Sets a header, replacing its values.
	 * @param name the name
	 * @param value the value
	 * @return this reply
	 */
	HttpReply setHeader(String name, String value) {
		List<String> v = new ArrayList<>();
		v.add(value);
		headers.put(name, v);
		return this;
	}

	/**
	 * Merges meta headers of services: protected headers are skipped, {@code Set-Cookie} values
	 * appended, other headers replaced.
	 * @param header the headers, or {@code null}
	 * @return this reply
	 */
	HttpReply mergeMetaHeaders(Map<String, List<String>> header) {
		if (header != null) {
			Map<String, List<String>> canonical = MetaHeaders.canonical(header);
			canonical.forEach((k, v) -> {
				if (MetaHeaders.PROTECTED.contains(k)) {
					return;
				}
				if (MetaHeaders.SET_COOKIE.equals(k)) {
					headers.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v);
				}
				else if (v.isEmpty()) {
					headers.remove(k);
				}
				else {
					headers.put(k, new ArrayList<>(v));
				}
			});
		}
		return this;
	}

	/** @return the body, or {@code null} for none */
	byte[] body() {
		return body;
	}

	/**
	 * @param body the body, or {@code null} for none
	 * @return this reply
	 */
	HttpReply body(byte[] body) {
		this.body = body;
		return this;
	}
}
