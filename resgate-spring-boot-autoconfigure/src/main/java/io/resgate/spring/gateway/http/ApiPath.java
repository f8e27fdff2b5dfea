package io.resgate.spring.gateway.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between URL paths of the HTTP API and resource IDs, the way Resgate does.
 *
 * <p>A resource ID's parts become path segments under the API prefix: {@code test.model?q=1} is
 * {@code /api/test/model?q=1}. Segments are percent-decoded; a raw path holding a dot is no
 * resource path. Building a path escapes the whole resource ID (query included) as one path
 * segment and then turns every dot into a slash.
 */
public final class ApiPath {

	private static final char[] HEX = "0123456789ABCDEF".toCharArray();

	private final String prefix;

	/**
	 * @param apiPath the configured API path, such as {@code /api}; a trailing slash is added if
	 * missing
	 */
	public ApiPath(String apiPath) {
		String p = (apiPath == null || apiPath.isEmpty()) ? "/" : apiPath;
		if (!p.startsWith("/")) {
			p = "/" + p;
		}
		this.prefix = p.endsWith("/") ? p : p + "/";
	}

	/** @return the prefix of every API path, starting and ending with a slash */
	String prefix() {
		return prefix;
	}

	/**
	 * Tells if a raw path lies under the API prefix (the prefix without its trailing slash included).
	 * @param rawPath the raw request path
	 * @return whether the API handles the path
	 */
	public boolean handles(String rawPath) {
		return rawPath.startsWith(prefix) || rawPath.equals(prefix.substring(0, prefix.length() - 1));
	}

	/**
	 * Tells if a raw path ends with a slash beyond the prefix, which is never a resource.
	 * @param rawPath the raw request path
	 * @return whether the path has a trailing slash after the prefix
	 */
	boolean hasTrailingSlash(String rawPath) {
		return rawPath.length() > prefix.length() && rawPath.endsWith("/");
	}

	/**
	 * The resource ID of a raw path, not yet validated.
	 * @param rawPath the raw (not decoded) request path
	 * @param rawQuery the raw query, or {@code null}
	 * @return the resource ID, or {@code ""} if the path is none
	 */
	String toRid(String rawPath, String rawQuery) {
		List<String> parts = parts(rawPath);
		if (parts == null) {
			return "";
		}
		return withQuery(String.join(".", parts), rawQuery);
	}

	/**
	 * The resource ID and method of a raw path whose last segment is the method, not yet validated.
	 * @param rawPath the raw (not decoded) request path
	 * @param rawQuery the raw query, or {@code null}
	 * @return the resource ID and method; both {@code ""} if the path is none
	 */
	RidMethod toRidMethod(String rawPath, String rawQuery) {
		List<String> parts = parts(rawPath);
		if (parts == null || parts.size() < 2) {
			return new RidMethod("", "");
		}
		String rid = String.join(".", parts.subList(0, parts.size() - 1));
		return new RidMethod(withQuery(rid, rawQuery), parts.get(parts.size() - 1));
	}

	/**
	 * The API path of a resource ID.
	 * @param rid the resource ID
	 * @return the path, or {@code ""} for an empty resource ID
	 */
	public String toPath(String rid) {
		if (rid == null || rid.isEmpty()) {
			return "";
		}
		return prefix + escapeSegment(rid).replace('.', '/');
	}

	private List<String> parts(String rawPath) {
		if (rawPath == null || rawPath.length() <= prefix.length() || !rawPath.startsWith(prefix)) {
			return null;
		}
		String path = rawPath.substring(prefix.length());
		if (path.indexOf('.') >= 0) {
			return null;
		}
		if (path.charAt(0) == '/') {
			path = path.substring(1);
		}
		List<String> parts = new ArrayList<>();
		for (String raw : path.split("/", -1)) {
			String part = unescape(raw);
			if (part == null) {
				return null;
			}
			parts.add(part);
		}
		return parts;
	}

	private static String withQuery(String rid, String rawQuery) {
		return (rawQuery == null || rawQuery.isEmpty()) ? rid : rid + "?" + rawQuery;
	}

	/**
	 * Percent-encodes a string as one URL path segment: letters, digits, {@code -_.~} and
	 * {@code $&+:=@} stay as they are, every other UTF-8 byte becomes {@code %XX}.
	 * @param s the string
	 * @return the escaped segment
	 */
	static String escapeSegment(String s) {
		byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
		StringBuilder sb = new StringBuilder(bytes.length + 8);
		for (byte b : bytes) {
			int c = b & 0xFF;
			if (isUnescaped(c)) {
				sb.append((char) c);
			}
			else {
				sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
			}
		}
		return sb.toString();
	}

	private static boolean isUnescaped(int c) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			return true;
		}
		return switch (c) {
			case '-', '_', '.', '~', '$', '&', '+', ':', '=', '@' -> true;
			default -> false;
		};
	}

	/**
	 * Decodes the percent escapes of a path segment.
	 * @param s the raw segment
	 * @return the decoded segment, or {@code null} if an escape is malformed
	 */
	static String unescape(String s) {
		if (s.indexOf('%') < 0) {
			return s;
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
		byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
		for (int i = 0; i < bytes.length; i++) {
			int c = bytes[i];
			if (c == '%') {
				if (i + 2 >= bytes.length) {
					return null;
				}
				int hi = Character.digit(bytes[i + 1], 16);
				int lo = Character.digit(bytes[i + 2], 16);
				if (hi < 0 || lo < 0) {
					return null;
				}
				out.write((hi << 4) | lo);
				i += 2;
			}
			else {
				out.write(c);
			}
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	/**
	 * A resource ID and a method taken from a path.
	 * @param rid the resource ID, {@code ""} if none
	 * @param method the method, {@code ""} if none
	 */
	record RidMethod(String rid, String method) {
	}
}
