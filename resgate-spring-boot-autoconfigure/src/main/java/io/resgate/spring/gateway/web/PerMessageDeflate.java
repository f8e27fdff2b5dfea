package io.resgate.spring.gateway.web;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Per-message compression (RFC 7692) without context takeover in either direction: every message
 * is compressed on its own, so a connection holds no compression state between messages and the
 * deflaters and inflaters (each a few hundred KB of native memory) are pooled across connections
 * instead of held by each one.
 */
final class PerMessageDeflate implements AutoCloseable {

	/** The extension as accepted in the handshake response. */
	static final String RESPONSE = "permessage-deflate; server_no_context_takeover; client_no_context_takeover";

	private static final String NAME = "permessage-deflate";

	private static final byte[] TAIL = { 0, 0, (byte) 0xff, (byte) 0xff };

	private final ConcurrentLinkedQueue<Deflater> deflaters = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Inflater> inflaters = new ConcurrentLinkedQueue<>();

	private final AtomicInteger pooledDeflaters = new AtomicInteger();

	private final AtomicInteger pooledInflaters = new AtomicInteger();

	private final int poolSize;

	/**
	 * Creates the pools.
	 * @param poolSize the most deflaters (and inflaters) kept between uses
	 */
	PerMessageDeflate(int poolSize) {
		this.poolSize = poolSize;
	}

	/**
	 * Tells whether a client's offer (RFC 7692, section 7.1) can be accepted: some
	 * {@code permessage-deflate} offer whose parameters this side can honour. The server does not
	 * take over contexts and asks the client not to either; it cannot lower its own window size, so
	 * an offer that asks it to is declined.
	 * @param headers the values of the {@code Sec-WebSocket-Extensions} request headers
	 * @return whether compression is accepted
	 */
	static boolean isOffered(List<String> headers) {
		for (String header : headers) {
			for (String offer : header.split(",")) {
				if (isAcceptable(offer)) {
					return true;
				}
			}
		}
		return false;
	}

	private static boolean isAcceptable(String offer) {
		String[] parts = offer.split(";");
		if (!parts[0].trim().equalsIgnoreCase(NAME)) {
			return false;
		}
		Set<String> seen = new HashSet<>();
		for (int i = 1; i < parts.length; i++) {
			String p = parts[i].trim();
			int eq = p.indexOf('=');
			String name = ((eq < 0) ? p : p.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
			String value = (eq < 0) ? null : unquote(p.substring(eq + 1).trim());
			if (!seen.add(name)) {
				return false;
			}
			boolean ok = switch (name) {
				case "server_no_context_takeover", "client_no_context_takeover" -> value == null;
				case "client_max_window_bits" -> value == null || isWindowBits(value);
				case "server_max_window_bits" -> "15".equals(value);
				default -> false;
			};
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static String unquote(String v) {
		return (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) ? v.substring(1, v.length() - 1) : v;
	}

	private static boolean isWindowBits(String v) {
		return v.matches("[0-9]{1,2}") && Integer.parseInt(v) >= 8 && Integer.parseInt(v) <= 15;
	}

	/**
	 * Compresses one message's payload.
	 * @param payload the payload
	 * @return the compressed payload, without the final empty block's last four bytes (section 7.2.1)
	 */
	byte[] compress(byte[] payload) {
		Deflater d = deflaters.poll();
		if (d == null) {
			d = new Deflater(Deflater.BEST_SPEED, true);
		}
		else {
			pooledDeflaters.decrementAndGet();
		}
		try {
			d.setInput(payload);
			byte[] out = new byte[payload.length / 2 + 64];
			int n = 0;
			while (true) {
				n += d.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
				if (n < out.length) {
					break;
				}
				out = Arrays.copyOf(out, out.length * 2);
			}
			return Arrays.copyOf(out, Math.max(0, n - TAIL.length));
		}
		finally {
			d.reset();
			release(d);
		}
	}

	/**
	 * The result of inflating a message.
	 * @param bytes the inflated bytes (possibly longer than {@code length})
	 * @param length how many of them are the message
	 * @param tooLarge whether the message is longer than the limit: then {@code bytes} hold its start
	 */
	record Inflated(byte[] bytes, int length, boolean tooLarge) {
	}

	/**
	 * Decompresses one message's payload.
	 * @param data the compressed payload
	 * @param len its length
	 * @param limit the largest message accepted
	 * @return the message, or its start if longer than the limit
	 * @throws WebSocketException (1007) if the data is not valid DEFLATE data
	 */
	Inflated inflate(byte[] data, int len, int limit) {
		Inflater inf = inflaters.poll();
		if (inf == null) {
			inf = new Inflater(true);
		}
		else {
			pooledInflaters.decrementAndGet();
		}
		try {
			byte[] out = new byte[Math.min(Math.max(len * 3, 256), limit + 1)];
			int n = 0;
			for (int part = 0; part < 2; part++) {
				if (part == 0) {
					inf.setInput(data, 0, len);
				}
				else {
					inf.setInput(TAIL);
				}
				while (!inf.needsInput() && !inf.finished()) {
					if (n == out.length) {
						if (n > limit) {
							return new Inflated(out, n, true);
						}
						out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, (long) limit + 1));
					}
					int k = inf.inflate(out, n, out.length - n);
					n += k;
					if (k == 0 && inf.needsDictionary()) {
						throw WebSocketException.invalidData("compressed data needs a dictionary");
					}
				}
				if (n > limit) {
					return new Inflated(out, n, true);
				}
			}
			return new Inflated(out, n, false);
		}
		catch (DataFormatException ex) {
			throw WebSocketException.invalidData("invalid compressed data");
		}
		finally {
			inf.reset();
			release(inf);
		}
	}

	/**
	 * Decompresses the start of a message whose compressed payload was cut: as much as can be
	 * inflated, up to a limit; data errors end it early instead of failing.
	 * @param data the start of the compressed payload
	 * @param len its length
	 * @param max the most bytes wanted
	 * @return the start of the message, marked too large
	 */
	Inflated inflatePrefix(byte[] data, int len, int max) {
		Inflater inf = new Inflater(true);
		try {
			inf.setInput(data, 0, len);
			byte[] out = new byte[max];
			int n = 0;
			while (n < max && !inf.needsInput() && !inf.finished()) {
				int k = inf.inflate(out, n, max - n);
				if (k == 0) {
					break;
				}
				n += k;
			}
			return new Inflated(out, n, true);
		}
		catch (DataFormatException ex) {
			return new Inflated(new byte[0], 0, true);
		}
		finally {
			inf.end();
		}
	}

	private void release(Deflater d) {
		if (pooledDeflaters.incrementAndGet() <= poolSize) {
			deflaters.add(d);
		}
		else {
			pooledDeflaters.decrementAndGet();
			d.end();
		}
	}

	private void release(Inflater inf) {
		if (pooledInflaters.incrementAndGet() <= poolSize) {
			inflaters.add(inf);
		}
		else {
			pooledInflaters.decrementAndGet();
			inf.end();
		}
	}

	@Override
	public void close() {
		Deflater d;
		while ((d = deflaters.poll()) != null) {
			d.end();
		}
		Inflater inf;
		while ((inf = inflaters.poll()) != null) {
			inf.end();
		}
	}
}
