package io.resgate.spring.gateway.http;

import io.resgate.spring.protocol.ResError;

/**
 * The HTTP-only errors of the HTTP API and the mapping between error codes and HTTP statuses,
 * as Resgate has them; also used for the WebSocket upgrade response.
 */
public final class HttpErrors {

	static final String CODE_BAD_REQUEST = "system.badRequest";

	static final String CODE_SERVICE_UNAVAILABLE = "system.serviceUnavailable";

	static final String CODE_FORBIDDEN = "system.forbidden";

	static final String CODE_NOT_IMPLEMENTED = "system.notImplemented";

	static final ResError BAD_REQUEST = new ResError(CODE_BAD_REQUEST, "Bad request");

	static final ResError SERVICE_UNAVAILABLE = new ResError(CODE_SERVICE_UNAVAILABLE, "Service unavailable");

	static final ResError FORBIDDEN_ORIGIN = new ResError(CODE_FORBIDDEN, "Forbidden origin");

	static final ResError FORBIDDEN = new ResError(CODE_FORBIDDEN, "Forbidden");

	static final ResError NOT_IMPLEMENTED = new ResError(CODE_NOT_IMPLEMENTED, "Not implemented");

	private HttpErrors() {
	}

	/**
	 * The HTTP status answering an error: not found, unknown method and timeout are 404, access
	 * denied 401, internal error 500, any code without a status of its own 400.
	 * @param error the error
	 * @return the HTTP status
	 */
	public static int statusOf(ResError error) {
		return switch (error.code()) {
			case ResError.CODE_NOT_FOUND, ResError.CODE_METHOD_NOT_FOUND, ResError.CODE_TIMEOUT -> 404;
			case ResError.CODE_ACCESS_DENIED -> 401;
			case ResError.CODE_METHOD_NOT_ALLOWED -> 405;
			case ResError.CODE_INTERNAL_ERROR -> 500;
			case CODE_SERVICE_UNAVAILABLE -> 503;
			case CODE_FORBIDDEN -> 403;
			case ResError.CODE_SUBJECT_TOO_LONG -> 414;
			default -> 400;
		};
	}

	/**
	 * The error for a 4XX or 5XX status that a service set in a meta object without giving an error.
	 * @param status the HTTP status
	 * @return the error
	 */
	public static ResError errorOf(int status) {
		if (status >= 400 && status < 500) {
			return switch (status) {
				case 401, 402, 407 -> ResError.ACCESS_DENIED;
				case 403, 451 -> FORBIDDEN;
				case 404, 410 -> ResError.NOT_FOUND;
				case 405 -> ResError.METHOD_NOT_ALLOWED;
				case 408 -> ResError.TIMEOUT;
				default -> BAD_REQUEST;
			};
		}
		if (status >= 500 && status < 600) {
			return switch (status) {
				case 501 -> NOT_IMPLEMENTED;
				case 503 -> SERVICE_UNAVAILABLE;
				case 504 -> ResError.TIMEOUT;
				default -> ResError.INTERNAL_ERROR;
			};
		}
		return ResError.INTERNAL_ERROR;
	}
}
