package io.resgate.spring.service.security;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.security.core.Authentication;

import io.resgate.spring.service.ResRequest;

/**
 * Resolves handler parameters of type {@link Authentication} (or a subtype): the authentication made from the
 * connection's token, {@code null} when there is no token (or it is of another type).
 */
final class AuthenticationArgumentResolver implements HandlerMethodArgumentResolver {

	private final TokenAuthentications authentications;

	AuthenticationArgumentResolver(TokenAuthentications authentications) {
		this.authentications = authentications;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Authentication.class.isAssignableFrom(parameter.getParameterType());
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, Message<?> message) {
		Authentication a = authentications.of((ResRequest) message.getPayload());
		return parameter.getParameterType().isInstance(a) ? a : null;
	}
}
