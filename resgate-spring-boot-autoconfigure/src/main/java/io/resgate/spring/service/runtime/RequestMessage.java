package io.resgate.spring.service.runtime;

import java.util.Map;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;

import io.resgate.spring.service.ResRequest;

/**
 * A request as the spring-messaging message handler methods are invoked with: its payload is the
 * {@link ResRequest}; it has no headers (the RES request's members are read from the payload).
 */
final class RequestMessage implements Message<ResRequest> {

	private static final MessageHeaders NO_HEADERS = new MessageHeaders(Map.of());

	private final RequestContext request;

	RequestMessage(RequestContext request) {
		this.request = request;
	}

	@Override
	public ResRequest getPayload() {
		return request;
	}

	RequestContext request() {
		return request;
	}

	@Override
	public MessageHeaders getHeaders() {
		return NO_HEADERS;
	}

	@Override
	public String toString() {
		return "RequestMessage[" + request.type() + " " + request.resourceName() + "]";
	}
}
