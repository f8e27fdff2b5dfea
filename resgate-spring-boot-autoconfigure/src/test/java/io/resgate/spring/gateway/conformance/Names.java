package io.resgate.spring.gateway.conformance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps scenarios isolated on a shared gateway: tests name their resources as Resgate's own suite
 * does ({@code test.model}), and every {@code test} that is a whole first token of a resource name or subject is rewritten to the scenario's own service name (such as {@code s17.model}).
 */
final class Names {

	private static final Pattern TEST_PREFIX = Pattern.compile("\\btest(?=[.?'\"]|$)");

	private final String service;

	Names(String service) {
		this.service = service;
	}

	/** @return the scenario's service name, which replaces {@code test} */
	String service() {
		return service;
	}

	/** Rewrites {@code test.} to the scenario's service name. */
	String of(String text) {
		return (text == null) ? null : TEST_PREFIX.matcher(text).replaceAll(Matcher.quoteReplacement(service));
	}
}
