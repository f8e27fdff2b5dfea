package io.resgate.spring.gateway.http;

import io.resgate.spring.protocol.ResError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class HttpErrorsTests {

	@ParameterizedTest
	@CsvSource({
		"system.notFound,404", "system.methodNotFound,404", "system.timeout,404", "system.accessDenied,401",
		"system.methodNotAllowed,405", "system.internalError,500", "system.serviceUnavailable,503",
		"system.forbidden,403", "system.subjectTooLong,414", "system.invalidParams,400",
		"system.invalidQuery,400", "system.badRequest,400", "custom.error,400", "'',400"
	})
	void statusOfErrorCode(String code, int status) {
		assertThat(HttpErrors.statusOf(new ResError(code, "x"))).isEqualTo(status);
	}

	@ParameterizedTest
	@CsvSource({
		"401,system.accessDenied,Access denied", "402,system.accessDenied,Access denied",
		"407,system.accessDenied,Access denied", "403,system.forbidden,Forbidden", "451,system.forbidden,Forbidden",
		"410,system.notFound,Not found", "404,system.notFound,Not found",
		"405,system.methodNotAllowed,Method not allowed", "408,system.timeout,Request timeout",
		"400,system.badRequest,Bad request", "406,system.badRequest,Bad request", "409,system.badRequest,Bad request",
		"411,system.badRequest,Bad request", "501,system.notImplemented,Not implemented",
		"503,system.serviceUnavailable,Service unavailable", "504,system.timeout,Request timeout",
		"500,system.internalError,Internal error", "505,system.internalError,Internal error",
		"507,system.internalError,Internal error", "511,system.internalError,Internal error"
	})
	void errorOfMetaStatus(int status, String code, String message) {
		assertThat(HttpErrors.errorOf(status)).isEqualTo(new ResError(code, message));
	}

	@Test
	void errorOfOtherStatusIsInternal() {
		assertThat(HttpErrors.errorOf(302)).isEqualTo(ResError.INTERNAL_ERROR);
	}
}
