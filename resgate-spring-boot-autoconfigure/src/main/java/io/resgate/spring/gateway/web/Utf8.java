package io.resgate.spring.gateway.web;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
 */
final class Utf8 {

	private Utf8() {
	}

	/**
	 * Tells whether bytes are well-formed UTF-8.
	 * @param b the bytes
	 * @param off where they start
	 * @param len how many
	 * @return whether they are
	 */
	static boolean isValid(byte[] b, int off, int len) {
		int i = off;
		int end = off + len;
		while (i < end) {
			int c = b[i];
			if (c >= 0) {
				i++;
				continue;
			}
			c &= 0xff;
			if (c < 0xc2) {
				return false;
			}
			if (c < 0xe0) {
				if (i + 1 >= end || !isContinuation(b[i + 1])) {
					return false;
				}
				i += 2;
			}
			else if (c < 0xf0) {
				if (i + 2 >= end) {
					return false;
				}
				int c1 = b[i + 1] & 0xff;
				if (!isContinuation(b[i + 1]) || !isContinuation(b[i + 2]) || (c == 0xe0 && c1 < 0xa0)
						|| (c == 0xed && c1 >= 0xa0)) {
					return false;
				}
				i += 3;
			}
			else if (c < 0xf5) {
				if (i + 3 >= end) {
					return false;
				}
				int c1 = b[i + 1] & 0xff;
				if (!isContinuation(b[i + 1]) || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])
						|| (c == 0xf0 && c1 < 0x90) || (c == 0xf4 && c1 >= 0x90)) {
					return false;
				}
				i += 4;
			}
			else {
				return false;
			}
		}
		return true;
	}

	private static boolean isContinuation(byte b) {
		return (b & 0xc0) == 0x80;
	}
}
