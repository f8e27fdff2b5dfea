package io.resgate.spring.service;

import io.resgate.spring.protocol.ResError;

/**
 * Maps exceptions thrown by handlers to RES errors. Declare beans of this type; they are asked in
 * order ({@code @Order}) before the defaults ({@code ResException} gives its error, validation
 * failures {@code system.invalidParams}, anything else {@code system.internalError} without details).
 */
@FunctionalInterface
public interface ResExceptionHandler {

	/**
	 * Maps an exception.
	 * @param exception the exception thrown by the handler
	 * @param request the request being handled
	 * @return the error to answer with, or {@code null} to leave it to the next handler
	 */
	ResError handle(Throwable exception, ResRequest request);
}
