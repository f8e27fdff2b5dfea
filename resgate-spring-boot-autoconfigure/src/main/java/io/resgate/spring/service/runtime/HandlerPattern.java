package io.resgate.spring.service.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed resource pattern of a handler: literal parts, named placeholders ({@code $id}),
 * anonymous wildcards ({@code *}) and a trailing full wildcard ({@code >}).
 */
final class HandlerPattern {

	private final String source;

	private final String[] parts;

	private final boolean tail;

	private HandlerPattern(String source, String[] parts, boolean tail) {
		this.source = source;
		this.parts = parts;
		this.tail = tail;
	}

	/**
	 * Parses a pattern.
	 * @param pattern the pattern string
	 * @return the pattern
	 * @throws IllegalArgumentException with a message naming the problem
	 */
	static HandlerPattern parse(String pattern) {
		if (pattern == null || pattern.isEmpty()) {
			throw new IllegalArgumentException("empty resource pattern");
		}
		String[] p = pattern.split("\\.", -1);
		boolean tail = p[p.length - 1].equals(">");
		String[] parts = tail ? Arrays.copyOf(p, p.length - 1) : p;
		List<String> names = new ArrayList<>();
		for (int i = 0; i < p.length; i++) {
			String part = p[i];
			if (part.isEmpty()) {
				throw new IllegalArgumentException("invalid resource pattern '" + pattern + "': empty part");
			}
			if (part.equals(">")) {
				if (i != p.length - 1) {
					throw new IllegalArgumentException(
							"invalid resource pattern '" + pattern + "': '>' is only allowed as the last part");
				}
				continue;
			}
			if (part.equals("*")) {
				continue;
			}
			if (part.charAt(0) == '$') {
				String name = part.substring(1);
				if (name.isEmpty() || !name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
					throw new IllegalArgumentException("invalid resource pattern '" + pattern
							+ "': placeholder '" + part + "' must be '$' followed by letters, digits, '_' or '-'");
				}
				if (names.contains(name)) {
					throw new IllegalArgumentException(
							"invalid resource pattern '" + pattern + "': placeholder '" + part + "' used twice");
				}
				names.add(name);
				continue;
			}
			for (int j = 0; j < part.length(); j++) {
				char c = part.charAt(j);
				if (c < 33 || c > 126 || c == '?' || c == '*' || c == '>' || c == '$') {
					throw new IllegalArgumentException("invalid resource pattern '" + pattern
							+ "': character '" + c + "' not allowed in part '" + part + "'");
				}
			}
		}
		return new HandlerPattern(pattern, parts, tail);
	}

	/** @return the pattern as written */
	String source() {
		return source;
	}

	/** @return the placeholder names in order */
	List<String> placeholders() {
		List<String> names = new ArrayList<>();
		for (String part : parts) {
			if (part.charAt(0) == '$') {
				names.add(part.substring(1));
			}
		}
		return names;
	}

	/** @return whether the pattern ends with {@code >} */
	boolean hasTail() {
		return tail;
	}

	/**
	 * The pattern in the wildcard syntax of subjects and system resets: placeholders become {@code *}.
	 * @return the subject pattern, such as {@code library.book.*}
	 */
	String subjectPattern() {
		StringBuilder sb = new StringBuilder();
		for (String part : parts) {
			if (sb.length() > 0) {
				sb.append('.');
			}
			sb.append(part.charAt(0) == '$' ? "*" : part);
		}
		if (tail) {
			sb.append(sb.length() > 0 ? ".>" : ">");
		}
		return sb.toString();
	}

	/**
	 * Matches a resource name split into parts.
	 * @param tokens the name's parts
	 * @return the placeholder values, or {@code null} if the name does not match
	 */
	Map<String, String> match(String[] tokens) {
		if (tail ? tokens.length <= parts.length : tokens.length != parts.length) {
			return null;
		}
		Map<String, String> params = null;
		for (int i = 0; i < parts.length; i++) {
			String part = parts[i];
			if (part.equals("*")) {
				continue;
			}
			if (part.charAt(0) == '$') {
				if (params == null) {
					params = new LinkedHashMap<>();
				}
				params.put(part.substring(1), tokens[i]);
				continue;
			}
			if (!part.equals(tokens[i])) {
				return null;
			}
		}
		return (params == null) ? Map.of() : params;
	}

	/**
	 * Orders patterns from the most to the least specific: part by part, a literal before a wildcard,
	 * then a pattern without tail before one with a tail, then the longer first.
	 * @param other the other pattern
	 * @return negative if this one is more specific
	 */
	int compareSpecificity(HandlerPattern other) {
		int n = Math.min(parts.length, other.parts.length);
		for (int i = 0; i < n; i++) {
			boolean a = isWild(parts[i]);
			boolean b = isWild(other.parts[i]);
			if (a != b) {
				return a ? 1 : -1;
			}
		}
		if (tail != other.tail) {
			return tail ? 1 : -1;
		}
		return Integer.compare(other.parts.length, parts.length);
	}

	/**
	 * The shape of the pattern, with placeholder names left out: two patterns of the same shape match
	 * the same names.
	 * @return the shape
	 */
	String shape() {
		return subjectPattern();
	}

	private static boolean isWild(String part) {
		return part.equals("*") || part.charAt(0) == '$';
	}

	@Override
	public String toString() {
		return source;
	}
}
