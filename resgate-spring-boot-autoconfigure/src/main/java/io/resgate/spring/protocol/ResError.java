package io.resgate.spring.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

/**
 * A RES error object: a dot-separated code, a message and optional data.
 *
 * <p>Holds the predefined errors of both the RES-Service and the RES-Client protocol.
 *
 * @param code the error code, such as {@code system.notFound}
 * @param message a short sentence describing the error
 * @param data additional data, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResError(String code, String message, JsonNode data) {

	public static final String CODE_NOT_FOUND = "system.notFound";
	public static final String CODE_INVALID_PARAMS = "system.invalidParams";
	public static final String CODE_INVALID_QUERY = "system.invalidQuery";
	public static final String CODE_INTERNAL_ERROR = "system.internalError";
	public static final String CODE_METHOD_NOT_FOUND = "system.methodNotFound";
	public static final String CODE_ACCESS_DENIED = "system.accessDenied";
	public static final String CODE_TIMEOUT = "system.timeout";
	public static final String CODE_NO_SUBSCRIPTION = "system.noSubscription";
	public static final String CODE_INVALID_REQUEST = "system.invalidRequest";
	public static final String CODE_UNSUPPORTED_PROTOCOL = "system.unsupportedProtocol";
	public static final String CODE_SUBJECT_TOO_LONG = "system.subjectTooLong";
	public static final String CODE_DELETED = "system.deleted";
	public static final String CODE_METHOD_NOT_ALLOWED = "system.methodNotAllowed";
	/**
	 * The gateway cannot reach the services now: its messaging connection is down (or was lost while
	 * the request was out), or was just re-established and nobody answered yet. Resgate's code for
	 * the same condition on its HTTP API (503).
	 */
	public static final String CODE_SERVICE_UNAVAILABLE = "system.serviceUnavailable";

	public static final ResError NOT_FOUND = new ResError(CODE_NOT_FOUND, "Not found");
	public static final ResError INVALID_PARAMS = new ResError(CODE_INVALID_PARAMS, "Invalid parameters");
	public static final ResError INVALID_QUERY = new ResError(CODE_INVALID_QUERY, "Invalid query");
	public static final ResError INTERNAL_ERROR = new ResError(CODE_INTERNAL_ERROR, "Internal error");
	public static final ResError METHOD_NOT_FOUND = new ResError(CODE_METHOD_NOT_FOUND, "Method not found");
	public static final ResError ACCESS_DENIED = new ResError(CODE_ACCESS_DENIED, "Access denied");
	public static final ResError TIMEOUT = new ResError(CODE_TIMEOUT, "Request timeout");
	public static final ResError NO_SUBSCRIPTION = new ResError(CODE_NO_SUBSCRIPTION, "No subscription");
	public static final ResError INVALID_REQUEST = new ResError(CODE_INVALID_REQUEST, "Invalid request");
	public static final ResError UNSUPPORTED_PROTOCOL = new ResError(CODE_UNSUPPORTED_PROTOCOL, "Unsupported protocol");
	public static final ResError SUBJECT_TOO_LONG = new ResError(CODE_SUBJECT_TOO_LONG, "Subject too long");
	public static final ResError DELETED = new ResError(CODE_DELETED, "Deleted");
	public static final ResError METHOD_NOT_ALLOWED = new ResError(CODE_METHOD_NOT_ALLOWED, "Method not allowed");
	public static final ResError SERVICE_UNAVAILABLE = new ResError(CODE_SERVICE_UNAVAILABLE, "Service unavailable");

	/**
	 * An error without data.
	 * @param code the error code
	 * @param message the error message
	 */
	public ResError(String code, String message) {
		this(code, message, null);
	}

	/**
	 * An internal error with a custom message.
	 * @param message the message
	 * @return the error
	 */
	public static ResError internalError(String message) {
		return new ResError(CODE_INTERNAL_ERROR, "Internal error: " + message);
	}

	/**
	 * An invalid parameters error with a custom message.
	 * @param message the message
	 * @return the error
	 */
	public static ResError invalidParams(String message) {
		return new ResError(CODE_INVALID_PARAMS, message);
	}

	/**
	 * An invalid request error with a custom message.
	 * @param message the message
	 * @return the error
	 */
	public static ResError invalidRequest(String message) {
		return new ResError(CODE_INVALID_REQUEST, message);
	}

	/**
	 * Tells if this error has the given code.
	 * @param code the code to compare with
	 * @return whether the codes are equal
	 */
	public boolean is(String code) {
		return code.equals(this.code);
	}
}
