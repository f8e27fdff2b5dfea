package io.resgate.spring.protocol;

/**
 * Builds the NATS subjects of the RES-Service protocol.
 */
public final class Subjects {

	/** The system reset event subject. */
	public static final String SYSTEM_RESET = "system.reset";

	/** The system token reset event subject. */
	public static final String SYSTEM_TOKEN_RESET = "system.tokenReset";

	/** Maximum subject length accepted by NATS' control line; longer subjects are refused. */
	public static final int MAX_SUBJECT_LENGTH = 4096 - 256;

	private Subjects() {
	}

	/** @param name resource name @return {@code get.<name>} */
	public static String get(String name) {
		return "get." + name;
	}

	/** @param name resource name @return {@code access.<name>} */
	public static String access(String name) {
		return "access." + name;
	}

	/** @param name resource name @param method method @return {@code call.<name>.<method>} */
	public static String call(String name, String method) {
		return "call." + name + "." + method;
	}

	/** @param name resource name @param method method @return {@code auth.<name>.<method>} */
	public static String auth(String name, String method) {
		return "auth." + name + "." + method;
	}

	/** @param name resource name @param event event name @return {@code event.<name>.<event>} */
	public static String event(String name, String event) {
		return "event." + name + "." + event;
	}

	/** @param name resource name @return {@code event.<name>.>}, all events of the resource */
	public static String events(String name) {
		return "event." + name + ".>";
	}

	/** @param cid connection ID @return {@code conn.<cid>.token} */
	public static String connToken(String cid) {
		return "conn." + cid + ".token";
	}

	/**
	 * Tells if a subject is too long to be sent.
	 * @param subject the subject
	 * @return whether it exceeds {@link #MAX_SUBJECT_LENGTH}
	 */
	public static boolean isTooLong(String subject) {
		return subject.length() > MAX_SUBJECT_LENGTH;
	}

	/**
	 * Tells if a method or event name is valid: non-empty, printable ASCII, no dot, space or wildcard.
	 * @param method the name
	 * @return whether it is valid
	 */
	public static boolean isValidMethod(String method) {
		if (method == null || method.isEmpty()) {
			return false;
		}
		for (int i = 0; i < method.length(); i++) {
			char c = method.charAt(i);
			if (c < 33 || c > 126 || c == '.' || c == '?' || c == '*' || c == '>') {
				return false;
			}
		}
		return true;
	}
}
