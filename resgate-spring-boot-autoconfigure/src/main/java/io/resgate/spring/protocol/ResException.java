package io.resgate.spring.protocol;

/**
 * An exception carrying a {@link ResError}, thrown where a RES error is the answer.
 */
public class ResException extends RuntimeException {

	private final transient ResError error;

	/**
	 * Wraps an error.
	 * @param error the RES error
	 */
	public ResException(ResError error) {
		super(error.code() + ": " + error.message());
		this.error = error;
	}

	/**
	 * Creates an exception with a code and a message.
	 * @param code the error code
	 * @param message the error message
	 */
	public ResException(String code, String message) {
		this(new ResError(code, message));
	}

	/**
	 * Returns the RES error.
	 * @return the error
	 */
	public ResError getError() {
		return error;
	}

	/**
	 * @param message what is wrong, after "Internal error: "
	 * @return a {@code system.internalError} exception
	 */
	public static ResException internalError(String message) {
		return new ResException(ResError.internalError(message));
	}

	/** @return a {@code system.notFound} exception */
	public static ResException notFound() {
		return new ResException(ResError.NOT_FOUND);
	}

	/** @return a {@code system.accessDenied} exception */
	public static ResException accessDenied() {
		return new ResException(ResError.ACCESS_DENIED);
	}

	/**
	 * @param message the message
	 * @return a {@code system.invalidParams} exception
	 */
	public static ResException invalidParams(String message) {
		return new ResException(ResError.invalidParams(message));
	}

	/** @return a {@code system.invalidQuery} exception */
	public static ResException invalidQuery() {
		return new ResException(ResError.INVALID_QUERY);
	}

	/** @return a {@code system.methodNotFound} exception */
	public static ResException methodNotFound() {
		return new ResException(ResError.METHOD_NOT_FOUND);
	}
}
