package io.resgate.spring.service.runtime;

import java.util.Collections;
import java.util.Map;

/**
 * The handlers one component declares for one resource pattern.
 */
final class ResourceEndpoint {

	private final String beanName;

	private final Class<?> componentType;

	private final HandlerPattern pattern;

	private final ResourceKind kind;

	private final boolean query;

	private final boolean parallel;

	private final String group;

	private final HandlerMethod get;

	private final HandlerMethod access;

	private final Map<String, HandlerMethod> calls;

	private final Map<String, HandlerMethod> auths;

	ResourceEndpoint(String beanName, Class<?> componentType, HandlerPattern pattern, ResourceKind kind, boolean query, boolean parallel,
			String group, HandlerMethod get, HandlerMethod access, Map<String, HandlerMethod> calls,
			Map<String, HandlerMethod> auths) {
		this.beanName = beanName;
		this.componentType = componentType;
		this.pattern = pattern;
		this.kind = kind;
		this.query = query;
		this.parallel = parallel;
		this.group = group;
		this.get = get;
		this.access = access;
		this.calls = Collections.unmodifiableMap(calls);
		this.auths = Collections.unmodifiableMap(auths);
	}

	String beanName() {
		return beanName;
	}

	Class<?> componentType() {
		return componentType;
	}

	HandlerPattern pattern() {
		return pattern;
	}

	ResourceKind kind() {
		return kind;
	}

	boolean query() {
		return query;
	}

	HandlerMethod get() {
		return get;
	}

	HandlerMethod access() {
		return access;
	}

	Map<String, HandlerMethod> calls() {
		return calls;
	}

	Map<String, HandlerMethod> auths() {
		return auths;
	}

	/** @return whether the endpoint answers get, call or auth requests */
	boolean servesResources() {
		return get != null || !calls.isEmpty() || !auths.isEmpty();
	}

	/**
	 * The handler for a request, falling back to the {@code *} method handler.
	 * @param type the request type
	 * @param method the call or auth method
	 * @return the handler, or {@code null}
	 */
	HandlerMethod handler(RequestType type, String method) {
		return switch (type) {
			case ACCESS -> access;
			case GET -> get;
			case CALL -> calls.containsKey(method) ? calls.get(method) : calls.get("*");
			case AUTH -> auths.containsKey(method) ? auths.get(method) : auths.get("*");
		};
	}

	/**
	 * The worker key of a resource.
	 * @param resourceName the resource name
	 * @param params its placeholder values
	 * @return the key, or {@code null} if requests are handled in parallel
	 */
	String groupKey(String resourceName, Map<String, String> params) {
		if (parallel) {
			return null;
		}
		if (group.isEmpty()) {
			return resourceName;
		}
		String g = group;
		for (Map.Entry<String, String> e : params.entrySet()) {
			g = g.replace("${" + e.getKey() + "}", e.getValue());
		}
		return g;
	}

	String describe() {
		return "@Res" + Character.toUpperCase(kind.label().charAt(0)) + kind.label().substring(1) + "(\"" + pattern
				+ "\") bean '" + beanName + "'";
	}
}
