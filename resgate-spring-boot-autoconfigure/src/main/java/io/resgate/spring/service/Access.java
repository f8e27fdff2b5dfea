package io.resgate.spring.service;

/**
 * The result of an access handler: whether the client may get the resource, and which methods it may
 * call ({@code "set,new"}, {@code "*"} for all, {@code null} or empty for none). No get and no call is
 * answered with {@code system.accessDenied}.
 *
 * @param get whether the resource may be read
 * @param call comma-separated methods the client may call, {@code "*"} for all, or {@code null}
 */
public record Access(boolean get, String call) {

	private static final Access GRANTED = new Access(true, "*");

	private static final Access DENIED = new Access(false, null);

	/**
	 * Full access: get and all methods.
	 * @return the access
	 */
	public static Access granted() {
		return GRANTED;
	}

	/**
	 * No access ({@code system.accessDenied}).
	 * @return the access
	 */
	public static Access denied() {
		return DENIED;
	}

	/**
	 * Read access only.
	 * @return the access
	 */
	public static Access readOnly() {
		return new Access(true, null);
	}

	/**
	 * Access as given.
	 * @param get whether the resource may be read
	 * @param call comma-separated call methods, {@code "*"}, or {@code null}
	 * @return the access
	 */
	public static Access of(boolean get, String call) {
		return new Access(get, call);
	}

	/**
	 * Tells if nothing is allowed.
	 * @return whether the access is denied
	 */
	public boolean isDenied() {
		return !get && (call == null || call.isEmpty());
	}
}
