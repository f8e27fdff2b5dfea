package io.resgate.spring.protocol;

import java.util.Objects;

/**
 * A resource ID: a resource name and an optional query, written {@code name?query}.
 *
 * <p>A resource name is a non-empty, dot-separated list of non-empty parts made of printable
 * ASCII characters other than {@code ?}, {@code *} and {@code >} (the latter two are pattern
 * wildcards). The query, if present, is not restricted.
 *
 * @param name the resource name
 * @param query the query without the question mark, or {@code null} when the ID has none
 */
public record Rid(String name, String query) {

	/** The connection ID tag that the gateway replaces with the connection's ID. */
	public static final String CID_TAG = "{cid}";

	public Rid {
		Objects.requireNonNull(name, "name");
		if (!isValidName(name)) {
			throw new IllegalArgumentException("Invalid resource name: " + name);
		}
	}

	/**
	 * Parses a resource ID.
	 * @param rid the resource ID string
	 * @return the parsed resource ID
	 * @throws IllegalArgumentException if {@code rid} is not a valid resource ID
	 */
	public static Rid parse(String rid) {
		Objects.requireNonNull(rid, "rid");
		int q = rid.indexOf('?');
		return (q < 0) ? new Rid(rid, null) : new Rid(rid.substring(0, q), rid.substring(q + 1));
	}

	/**
	 * Tells if a string is a valid resource ID (a valid name, optionally followed by {@code ?} and a query).
	 * @param rid the string to check
	 * @return whether it is a valid resource ID
	 */
	public static boolean isValid(String rid) {
		if (rid == null) {
			return false;
		}
		int q = rid.indexOf('?');
		return isValidName((q < 0) ? rid : rid.substring(0, q));
	}

	/**
	 * Tells if a string is a valid resource name.
	 * @param name the string to check
	 * @return whether it is a valid resource name
	 */
	public static boolean isValidName(String name) {
		if (name == null || name.isEmpty()) {
			return false;
		}
		boolean partStart = true;
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '.') {
				if (partStart) {
					return false;
				}
				partStart = true;
				continue;
			}
			if (c < 33 || c > 126 || c == '?' || c == '*' || c == '>') {
				return false;
			}
			partStart = false;
		}
		return !partStart;
	}

	/**
	 * Tells if this resource ID has a non-empty query.
	 * @return whether there is a query
	 */
	public boolean hasQuery() {
		return query != null && !query.isEmpty();
	}

	/**
	 * Returns the query, or {@code null} if there is none or it is empty; the form sent to services.
	 * @return the query or {@code null}
	 */
	public String queryOrNull() {
		return hasQuery() ? query : null;
	}

	/**
	 * Tells if the resource ID contains the connection ID tag.
	 * @return whether {@link #CID_TAG} occurs in the ID
	 */
	public boolean hasCidTag() {
		return toString().contains(CID_TAG);
	}

	/**
	 * Replaces every connection ID tag with the given connection ID.
	 * @param cid the connection ID
	 * @return the resource ID as services see it
	 */
	public Rid withCid(String cid) {
		return hasCidTag() ? parse(toString().replace(CID_TAG, cid)) : this;
	}

	@Override
	public String toString() {
		return (query == null) ? name : name + "?" + query;
	}
}
