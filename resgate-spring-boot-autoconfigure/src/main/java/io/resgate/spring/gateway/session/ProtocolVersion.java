package io.resgate.spring.gateway.session;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;

/**
 * The RES protocol versions a client may speak, as {@code MAJOR*1000000+MINOR*1000+PATCH}, and the
 * reading of a client's version request.
 */
public final class ProtocolVersion {

	/** The version assumed until the client sends a version request: 1.1.1. */
	public static final int LEGACY = 1_001_001;

	/** The version this gateway implements: 1.2.3. */
	public static final int LATEST = 1_002_003;

	/** The version this gateway implements, as text. */
	public static final String LATEST_TEXT = "1.2.3";

	/** From 1.2.0, call and auth results are wrapped ({@code payload}) and resource responses subscribed. */
	public static final int CALL_RESOURCE_RESPONSE = 1_002_000;

	/** From 1.2.1, soft references and data values reach the client as they are. */
	static final int SOFT_REFERENCE_AND_DATA = 1_002_001;

	private ProtocolVersion() {
	}

	/**
	 * Reads the version of a client's version request.
	 * @param protocol the version, such as {@code 1.2.3}
	 * @return the version as a number
	 * @throws ResException with {@code system.invalidParams} if it is no version, or
	 * {@code system.unsupportedProtocol} if its major version is not 1
	 */
	static int parse(String protocol) {
		String[] parts = protocol.split("\\.", -1);
		if (parts.length != 3) {
			throw new ResException(ResError.INVALID_PARAMS);
		}
		int v = 0;
		for (String part : parts) {
			int p;
			try {
				p = Integer.parseInt(part);
			}
			catch (NumberFormatException ex) {
				throw new ResException(ResError.INVALID_PARAMS);
			}
			if (p >= 1000) {
				throw new ResException(ResError.INVALID_PARAMS);
			}
			v = v * 1000 + p;
		}
		if (v < 1_000_000 || v >= 2_000_000) {
			throw new ResException(ResError.UNSUPPORTED_PROTOCOL);
		}
		return v;
	}
}
