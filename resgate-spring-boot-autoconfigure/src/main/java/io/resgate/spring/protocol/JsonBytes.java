package io.resgate.spring.protocol;

import java.util.Arrays;

import tools.jackson.core.io.JsonStringEncoder;

/**
 * A growable buffer that JSON messages are written into piece by piece: punctuation and member
 * names as ASCII, strings quoted and escaped, numbers, and values already encoded (such as
 * {@link RawJson}). Faster than building a tree for messages whose shape is fixed. Not thread-safe.
 */
public final class JsonBytes {

	private byte[] buf;

	private int len;

	/** An empty buffer with room for 128 bytes. */
	public JsonBytes() {
		this(128);
	}

	/**
	 * An empty buffer.
	 * @param capacity the initial room, in bytes
	 */
	public JsonBytes(int capacity) {
		this.buf = new byte[Math.max(16, capacity)];
	}

	private void ensure(int extra) {
		if (len + extra > buf.length) {
			buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
		}
	}

	/**
	 * Appends one ASCII character.
	 * @param c the character
	 * @return this buffer
	 */
	public JsonBytes append(char c) {
		ensure(1);
		buf[len++] = (byte) c;
		return this;
	}

	/**
	 * Appends ASCII text as it is, such as punctuation and member names with their quotes.
	 * @param ascii the text; only characters below 128
	 * @return this buffer
	 */
	public JsonBytes ascii(String ascii) {
		int n = ascii.length();
		ensure(n);
		for (int i = 0; i < n; i++) {
			buf[len++] = (byte) ascii.charAt(i);
		}
		return this;
	}

	/**
	 * Appends encoded JSON bytes as they are.
	 * @param json the bytes
	 * @return this buffer
	 */
	public JsonBytes raw(byte[] json) {
		return raw(json, 0, json.length);
	}

	/**
	 * Appends part of encoded JSON bytes as it is.
	 * @param json the bytes
	 * @param off the first byte
	 * @param n the number of bytes
	 * @return this buffer
	 */
	public JsonBytes raw(byte[] json, int off, int n) {
		ensure(n);
		System.arraycopy(json, off, buf, len, n);
		len += n;
		return this;
	}

	/**
	 * Appends a raw JSON value.
	 * @param json the value
	 * @return this buffer
	 */
	public JsonBytes raw(RawJson json) {
		return raw(json.bytes());
	}

	/**
	 * Appends a string value, quoted and escaped.
	 * @param s the string
	 * @return this buffer
	 */
	public JsonBytes string(String s) {
		int n = s.length();
		ensure(n + 2);
		int start = len;
		buf[len++] = '"';
		for (int i = 0; i < n; i++) {
			char c = s.charAt(i);
			if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
				len = start;
				return escaped(s);
			}
			buf[len++] = (byte) c;
		}
		buf[len++] = '"';
		return this;
	}

	private JsonBytes escaped(String s) {
		byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(s);
		ensure(quoted.length + 2);
		buf[len++] = '"';
		System.arraycopy(quoted, 0, buf, len, quoted.length);
		len += quoted.length;
		buf[len++] = '"';
		return this;
	}

	/**
	 * Appends an integer.
	 * @param v the number
	 * @return this buffer
	 */
	public JsonBytes number(long v) {
		return ascii(Long.toString(v));
	}

	/** @return the number of bytes written */
	public int length() {
		return len;
	}

	/** @return a copy of the bytes written */
	public byte[] toByteArray() {
		return Arrays.copyOf(buf, len);
	}
}
