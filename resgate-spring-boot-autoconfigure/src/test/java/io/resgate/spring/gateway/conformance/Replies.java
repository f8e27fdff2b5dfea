package io.resgate.spring.gateway.conformance;

/**
 * Service replies written in scenario tables: a raw payload, or one of the markers {@link #TIMEOUT}
 * (never answered) and {@link #NO_REQUEST} (no request is expected at all).
 */
final class Replies {

	/** The request is never answered: the gateway must time out. */
	static final String TIMEOUT = "TIMEOUT";

	/** No request is expected. */
	static final String NO_REQUEST = "NO_REQUEST";

	static final String TIMEOUT_ERROR = "{'code':'system.timeout','message':'Request timeout'}";

	static final String ACCESS_DENIED_ERROR = "{'code':'system.accessDenied','message':'Access denied'}";

	static final String NOT_FOUND_ERROR = "{'code':'system.notFound','message':'Not found'}";

	static final String INTERNAL_ERROR_ERROR = "{'code':'system.internalError','message':'Internal error'}";

	static final String INVALID_PARAMS_ERROR = "{'code':'system.invalidParams','message':'Invalid parameters'}";

	private Replies() {
	}

	/** {@code {"result":<json>}} with single quotes turned into double quotes. */
	static String result(String json) {
		return "{\"result\":" + json.replace('\'', '"') + "}";
	}

	/** {@code {"error":<error>}} with single quotes turned into double quotes. */
	static String error(String errorJson) {
		return "{\"error\":" + errorJson.replace('\'', '"') + "}";
	}

	/** Answers a request with a raw reply, or not at all for {@link #TIMEOUT}. */
	static void answer(ServiceRequest request, String reply) {
		if (!TIMEOUT.equals(reply)) {
			request.respondRaw(request.names().of(reply));
		}
	}

	/** Whether a row's reply means waiting for the request timeout. */
	static boolean isTimeout(String... replies) {
		for (String r : replies) {
			if (TIMEOUT.equals(r)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Asserts a client response against an expectation: {@code "code:<code>"}, an error object
	 * (a JSON object with a {@code code}), or a result.
	 */
	static void assertResponse(ClientResponse response, String expected) {
		if (expected.startsWith("code:")) {
			response.assertError(expected.substring(5));
		}
		else if (expected.startsWith("error:")) {
			response.assertErrorJson(expected.substring(6));
		}
		else {
			response.assertResult(expected);
		}
	}
}
