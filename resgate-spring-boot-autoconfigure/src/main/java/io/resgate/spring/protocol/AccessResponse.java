package io.resgate.spring.protocol;

/**
 * The outcome of an access request: the {@code get} flag and {@code call} list, or an error.
 *
 * @param get whether the client may get the resource
 * @param call comma-separated callable methods, {@code "*"} for any, or {@code null}
 * @param error the error of a failed request, else {@code null}
 * @param meta the meta object of the response, or {@code null}
 */
public record AccessResponse(boolean get, String call, ResError error, Meta meta) {

	/**
	 * A failed access request.
	 * @param error the error
	 * @return the response
	 */
	public static AccessResponse failed(ResError error) {
		return new AccessResponse(false, null, error, null);
	}

	/** @return the same response without its meta object */
	public AccessResponse withoutMeta() {
		return (meta == null) ? this : new AccessResponse(get, call, error, null);
	}

	/**
	 * Checks get access.
	 * @return {@code null} if granted, else the error to answer with
	 */
	public ResError canGet() {
		if (error != null) {
			return error;
		}
		return get ? null : ResError.ACCESS_DENIED;
	}

	/**
	 * Checks call access to a method.
	 * @param method the method
	 * @return {@code null} if granted, else the error to answer with
	 */
	public ResError canCall(String method) {
		if (error != null) {
			return error;
		}
		if (call == null || call.isEmpty()) {
			return ResError.ACCESS_DENIED;
		}
		if (call.equals("*")) {
			return null;
		}
		int start = 0;
		while (start <= call.length()) {
			int end = call.indexOf(',', start);
			if (end < 0) {
				end = call.length();
			}
			if (end - start == method.length() && call.startsWith(method, start)) {
				return null;
			}
			start = end + 1;
		}
		return ResError.ACCESS_DENIED;
	}

	/**
	 * Tells if this response may be reused while the client keeps its subscription: a real answer or
	 * an explicit access denial, but not a timeout or other failure.
	 * @return whether it may be kept
	 */
	public boolean isCacheable() {
		return error == null || error.is(ResError.CODE_ACCESS_DENIED);
	}
}
