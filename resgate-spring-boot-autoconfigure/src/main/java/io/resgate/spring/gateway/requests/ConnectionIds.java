package io.resgate.spring.gateway.requests;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * New connection IDs ({@code cid}): 20 characters of base32 from 13 random bytes, like Resgate's
 * xid-based IDs, and as hard to guess as a service may expect of an ID it addresses events to.
 */
final class ConnectionIds {

	private static final char[] CID_CHARS = "0123456789abcdefghijklmnopqrstuv".toCharArray();

	/**
	 * The random source, one per thread: the default {@code SecureRandom} of Linux reads one shared
	 * source under one lock, which every HTTP API request would contend for.
	 */
	private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(ConnectionIds::newRandom);

	/** @return a new random connection ID */
	String next() {
		byte[] b = new byte[13];
		random.get().nextBytes(b);
		StringBuilder sb = new StringBuilder(20);
		long acc = 0;
		int bits = 0;
		for (byte x : b) {
			acc = (acc << 8) | (x & 0xff);
			bits += 8;
			while (bits >= 5 && sb.length() < 20) {
				bits -= 5;
				sb.append(CID_CHARS[(int) ((acc >> bits) & 31)]);
			}
		}
		return sb.toString();
	}

	private static SecureRandom newRandom() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}
}
