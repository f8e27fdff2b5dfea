package io.resgate.spring.service.runtime;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.aop.support.AopUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.expression.BeanResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.util.StringUtils;

import io.resgate.spring.service.Access;
import io.resgate.spring.service.QueryResult;
import io.resgate.spring.service.ResResponse;

/**
 * Binds a {@link ResEndpoint} read from a component's annotations into the {@link ResourceEndpoint} the router
 * serves: resolves and parses the pattern, checks the group, the return types and every parameter (each must
 * be supported by an argument resolver), and creates the invocable handler methods, failing with a clear
 * message on invalid patterns and unsupported signatures.
 */
final class EndpointFactory {

	private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

	private final HandlerMethodArgumentResolverComposite resolvers;

	private final List<ResHandlerInterceptor> interceptors;

	private final UnaryOperator<String> placeholders;

	private final DefaultParameterNameDiscoverer names = new DefaultParameterNameDiscoverer();

	private final ServiceCore core;

	private final BeanResolver beans;

	EndpointFactory(ServiceCore core, HandlerMethodArgumentResolverComposite resolvers,
			List<ResHandlerInterceptor> interceptors, UnaryOperator<String> placeholders, BeanResolver beans) {
		this.core = core;
		this.beans = beans;
		this.resolvers = resolvers;
		this.interceptors = interceptors;
		this.placeholders = placeholders;
	}

	ResourceEndpoint create(ResEndpoint endpoint) {
		String where = "bean '" + endpoint.beanName() + "' (" + endpoint.type().getName() + ")";
		ResourceKind kind = endpoint.kind();
		boolean query = endpoint.query();
		String group = endpoint.group();
		HandlerPattern pattern;
		try {
			pattern = HandlerPattern.parse(placeholders.apply(endpoint.pattern()));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid RES resource pattern on " + where + ": " + ex.getMessage(), ex);
		}
		Matcher gm = Pattern.compile("\\$\\{([^}]*)}").matcher(group);
		while (gm.find()) {
			if (!pattern.placeholders().contains(gm.group(1))) {
				throw new IllegalStateException("Invalid group '" + group + "' on " + where + ": the pattern '"
						+ pattern + "' has no placeholder $" + gm.group(1));
			}
		}

		Object bean = endpoint.bean();
		HandlerMethod get = null;
		HandlerMethod access = null;
		Map<String, HandlerMethod> calls = new LinkedHashMap<>();
		Map<String, HandlerMethod> auths = new LinkedHashMap<>();
		for (ResEndpoint.Handler h : endpoint.handlers()) {
			RequestType type = RequestType.fromWire(h.requestType());
			Method declared = h.method();
			// the same method, or for a JDK proxy the interface method to invoke instead
			Method invocable = AopUtils.selectInvocableMethod(declared, bean.getClass());
			Class<?> c = endpoint.type();
			switch (type) {
				case GET -> {
					checkReturn(declared, RequestType.GET, kind, query);
					get = handler(bean, declared, invocable, c, pattern, type, h.timeout(), h.parallel());
				}
				case ACCESS -> {
					checkReturn(declared, RequestType.ACCESS, kind, query);
					access = handler(bean, declared, invocable, c, pattern, type, "", h.parallel());
				}
				case CALL -> calls.put(h.name(),
						handler(bean, declared, invocable, c, pattern, type, h.timeout(), h.parallel()));
				case AUTH -> auths.put(h.name(),
						handler(bean, declared, invocable, c, pattern, type, h.timeout(), h.parallel()));
			}
		}
		ResEndpoint.AccessRule rule = endpoint.accessRule();
		if (rule != null) {
			AccessRules rules = AccessRules.parse(core, rule, where, beans);
			access = handler(rules, AccessRules.CHECK, AccessRules.CHECK, endpoint.type(), pattern,
					RequestType.ACCESS, "", rule.parallel());
		}
		return new ResourceEndpoint(endpoint.beanName(), endpoint.type(), pattern, kind, query, endpoint.parallel(),
				group, get, access, calls, auths);
	}

	/**
	 * Creates a handler method, checking and preparing its parameters.
	 * @param bean the component (or its proxy)
	 * @param method the annotated method, whose parameters are resolved
	 * @param invocable the method to invoke: the same, or the interface's method of a JDK proxy
	 */
	private HandlerMethod handler(Object bean, Method method, Method invocable, Class<?> componentType,
			HandlerPattern pattern, RequestType type, String timeout, boolean parallel) {
		List<ResHandlerInterceptor> applying = interceptors.stream()
			.filter(i -> i.appliesTo(method, componentType))
			.toList();
		HandlerMethod.Invocable handler = new HandlerMethod.Invocable(bean, method,
				invocable.equals(method) ? null : invocable, applying);
		handler.setMessageMethodArgumentResolvers(resolvers);
		handler.setParameterNameDiscoverer(names);
		for (MethodParameter p : handler.getMethodParameters()) {
			p.initParameterNameDiscovery(names);
			String where = "parameter " + (p.getParameterIndex() + 1) + " ('" + p.getParameterName() + "') of "
					+ method.toGenericString();
			HandlerMethodArgumentResolver resolver = resolvers.getResolvers().stream()
				.filter(r -> r.supportsParameter(p))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException(ArgumentResolvers.unsupported(where)));
			if (resolver instanceof ArgumentResolvers.Prepared prepared) {
				prepared.prepare(p, pattern, type, where);
			}
		}
		return new HandlerMethod(handler, parseTimeout(timeout, method), parallel);
	}

	static Duration parseTimeout(String timeout, Method m) {
		if (!StringUtils.hasText(timeout)) {
			return null;
		}
		Matcher matcher = DURATION.matcher(timeout.trim());
		if (!matcher.matches()) {
			throw new IllegalStateException("Invalid timeout '" + timeout + "' on " + m.toGenericString()
					+ ": use a number with an optional unit ms, s, m or h, such as \"10s\"");
		}
		long n = Long.parseLong(matcher.group(1));
		String unit = (matcher.group(2) == null) ? "ms" : matcher.group(2);
		return switch (unit) {
			case "s" -> Duration.ofSeconds(n);
			case "m" -> Duration.ofMinutes(n);
			case "h" -> Duration.ofHours(n);
			default -> Duration.ofMillis(n);
		};
	}

	private static void checkReturn(Method m, RequestType type, ResourceKind kind, boolean query) {
		Class<?> r = m.getReturnType();
		String where = m.toGenericString();
		if (r == void.class || r == Void.class) {
			throw new IllegalStateException("Unsupported return type void of " + where + ": "
					+ (type == RequestType.GET ? "return the " + kind.label() : "return an Access or a boolean"));
		}
		boolean wrapper = r == Optional.class || CompletionStage.class.isAssignableFrom(r) || r == ResResponse.class
				|| r == Object.class;
		if (type == RequestType.ACCESS) {
			if (!wrapper && r != Access.class && r != boolean.class && r != Boolean.class) {
				throw new IllegalStateException("Unsupported return type " + r.getSimpleName() + " of access handler "
						+ where + ": return an Access or a boolean");
			}
			return;
		}
		if (r == QueryResult.class && !query) {
			throw new IllegalStateException("QueryResult returned by " + where
					+ ", but the resource is not a query resource (set query = true)");
		}
		if (wrapper || r == QueryResult.class) {
			return;
		}
		boolean isCollection = r.isArray() || Collection.class.isAssignableFrom(r);
		if (kind == ResourceKind.MODEL && (isCollection || r.isPrimitive() || r == String.class
				|| Number.class.isAssignableFrom(r) || r == Boolean.class)) {
			throw new IllegalStateException("Unsupported return type " + r.getSimpleName() + " of model get handler "
					+ where + ": return a record, POJO or Map");
		}
		if (kind == ResourceKind.COLLECTION && !isCollection) {
			throw new IllegalStateException("Unsupported return type " + r.getSimpleName()
					+ " of collection get handler " + where + ": return a List, Collection or array");
		}
	}
}
