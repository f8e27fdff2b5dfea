package io.resgate.spring.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One JSON value kept as its UTF-8 text, passed on without being parsed into a tree: the
 * {@code params} of a client request, a connection's token, a call result. Whoever creates one
 * vouches that the bytes are a single valid JSON value.
 *
 * <p>Immutable by contract: the bytes are shared, never copied, and must not be modified.
 */
public final class RawJson {

	/** The JSON {@code null}. */
	public static final RawJson NULL = new RawJson("null".getBytes(StandardCharsets.US_ASCII));

	private final byte[] bytes;

	private RawJson(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Wraps JSON bytes without copying them.
	 * @param json one valid JSON value, UTF-8; not modified afterwards
	 * @return the raw value
	 */
	public static RawJson of(byte[] json) {
		return new RawJson(json);
	}

	/**
	 * Wraps JSON text.
	 * @param json one valid JSON value
	 * @return the raw value
	 */
	public static RawJson of(String json) {
		return new RawJson(json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Copies a span of a larger JSON text, such as one member's value.
	 * @param source the larger text, UTF-8
	 * @param from the first byte of the value
	 * @param to the byte after the value
	 * @return the raw value
	 */
	public static RawJson copyOf(byte[] source, int from, int to) {
		return new RawJson(Arrays.copyOfRange(source, from, to));
	}

	/** @return the UTF-8 bytes; shared, must not be modified */
	public byte[] bytes() {
		return bytes;
	}

	/** @return whether the value is the JSON {@code null} */
	public boolean isNull() {
		return bytes.length == 4 && bytes[0] == 'n' && bytes[1] == 'u' && bytes[2] == 'l' && bytes[3] == 'l';
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof RawJson other && Arrays.equals(bytes, other.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(bytes);
	}

	/** @return the JSON text */
	@Override
	public String toString() {
		return new String(bytes, StandardCharsets.UTF_8);
	}
}
