package io.resgate.spring.service.runtime;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.ResRequest;

/**
 * Maps exceptions from handlers to RES errors: the registered {@link ResExceptionHandler}s first, then
 * {@link ResException}, then {@code system.internalError} without details (logged with the stack trace).
 */
final class ErrorMapper {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service");

	private final List<ResExceptionHandler> handlers;

	ErrorMapper(List<ResExceptionHandler> handlers) {
		this.handlers = List.copyOf(handlers);
	}

	ResError map(Throwable ex, ResRequest request, String subject) {
		Throwable cause = unwrap(ex);
		for (ResExceptionHandler h : handlers) {
			try {
				ResError e = h.handle(cause, request);
				if (e != null) {
					return e;
				}
			}
			catch (RuntimeException failure) {
				logger.error("ResExceptionHandler " + h + " failed", failure);
			}
		}
		if (cause instanceof ResException re) {
			return re.getError();
		}
		if (cause.getClass().getName().equals("jakarta.validation.ConstraintViolationException")) {
			return ResError.invalidParams(cause.getMessage());
		}
		logger.error("Error handling request " + subject, cause);
		return ResError.INTERNAL_ERROR;
	}

	static Throwable unwrap(Throwable ex) {
		Throwable t = ex;
		while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
			t = t.getCause();
		}
		return t;
	}
}
