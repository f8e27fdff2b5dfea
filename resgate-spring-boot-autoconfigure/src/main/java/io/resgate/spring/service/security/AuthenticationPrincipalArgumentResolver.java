package io.resgate.spring.service.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.StringUtils;

import io.resgate.spring.service.ResRequest;

/**
 * Resolves {@link AuthenticationPrincipal} handler parameters: the principal of the authentication made from the
 * connection's token (with the default converter, the user's name), or what its {@code expression} gives of it;
 * {@code null} when there is no token, or when the principal is not of the parameter's type (unless
 * {@code errorOnInvalidType}, which answers {@code system.internalError}).
 */
final class AuthenticationPrincipalArgumentResolver implements HandlerMethodArgumentResolver {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final TokenAuthentications authentications;

	private final BeanResolver beans;

	private final Map<String, Expression> expressions = new ConcurrentHashMap<>();

	AuthenticationPrincipalArgumentResolver(TokenAuthentications authentications, BeanResolver beans) {
		this.authentications = authentications;
		this.beans = beans;
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return annotation(parameter) != null;
	}

	private static AuthenticationPrincipal annotation(MethodParameter parameter) {
		AuthenticationPrincipal a = parameter.getParameterAnnotation(AuthenticationPrincipal.class);
		if (a != null) {
			return a;
		}
		for (java.lang.annotation.Annotation each : parameter.getParameterAnnotations()) {
			AuthenticationPrincipal meta = AnnotatedElementUtils.findMergedAnnotation(each.annotationType(),
					AuthenticationPrincipal.class);
			if (meta != null) {
				return meta;
			}
		}
		return null;
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, Message<?> message) {
		Authentication authentication = authentications.of((ResRequest) message.getPayload());
		if (authentication == null) {
			return null;
		}
		Object principal = authentication.getPrincipal();
		AuthenticationPrincipal a = annotation(parameter);
		if (StringUtils.hasText(a.expression())) {
			StandardEvaluationContext context = new StandardEvaluationContext(principal);
			context.setVariable("this", principal);
			if (beans != null) {
				context.setBeanResolver(beans);
			}
			principal = expressions.computeIfAbsent(a.expression(), PARSER::parseExpression).getValue(context);
		}
		if (principal != null && !parameter.getParameterType().isAssignableFrom(principal.getClass())) {
			if (a.errorOnInvalidType()) {
				throw new ClassCastException(principal + " is not assignable to " + parameter.getParameterType());
			}
			return null;
		}
		return principal;
	}
}
