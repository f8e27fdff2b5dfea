package io.resgate.spring.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * A resource name pattern, as used by system reset events: dot-separated parts where {@code *}
 * matches any one part and a trailing {@code >} matches one or more parts.
 */
public final class ResourcePattern {

	private final String pattern;

	private final String[] parts;

	private final boolean fullWildcard;

	private ResourcePattern(String pattern) {
		this.pattern = pattern;
		String[] p = pattern.split("\\.", -1);
		this.fullWildcard = p[p.length - 1].equals(">");
		this.parts = this.fullWildcard ? Arrays.copyOf(p, p.length - 1) : p;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the pattern string
	 * @return the pattern
	 * @throws IllegalArgumentException if it is not a valid pattern
	 */
	public static ResourcePattern of(String pattern) {
		if (!isValid(pattern)) {
			throw new IllegalArgumentException("Invalid resource name pattern: " + pattern);
		}
		return new ResourcePattern(pattern);
	}

	/**
	 * Tells if a string is a valid resource name pattern.
	 * @param pattern the string
	 * @return whether it is valid
	 */
	public static boolean isValid(String pattern) {
		if (pattern == null || pattern.isEmpty()) {
			return false;
		}
		String[] p = pattern.split("\\.", -1);
		for (int i = 0; i < p.length; i++) {
			String part = p[i];
			if (part.isEmpty()) {
				return false;
			}
			if (part.equals(">")) {
				if (i != p.length - 1) {
					return false;
				}
				continue;
			}
			if (part.equals("*")) {
				continue;
			}
			for (int j = 0; j < part.length(); j++) {
				char c = part.charAt(j);
				if (c < 33 || c > 126 || c == '?' || c == '*' || c == '>') {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * Tells if a resource name matches this pattern.
	 * @param name the resource name (without query)
	 * @return whether it matches
	 */
	public boolean matches(String name) {
		String[] n = name.split("\\.", -1);
		if (fullWildcard ? n.length <= parts.length : n.length != parts.length) {
			return false;
		}
		for (int i = 0; i < parts.length; i++) {
			if (!parts[i].equals("*") && !parts[i].equals(n[i])) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof ResourcePattern other && other.pattern.equals(pattern);
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(pattern);
	}

	@Override
	public String toString() {
		return pattern;
	}
}
