package io.resgate.spring.service.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds the endpoint for a resource name: the most specific pattern with a handler for the request.
 */
final class Router {

	/** A matched endpoint with the placeholder values. */
	record Match(ResourceEndpoint endpoint, Map<String, String> params) {
	}

	private final List<ResourceEndpoint> endpoints = new ArrayList<>();

	/**
	 * Adds an endpoint, failing on conflicts with those already added.
	 * @param endpoint the endpoint
	 */
	synchronized void add(ResourceEndpoint endpoint) {
		for (ResourceEndpoint other : endpoints) {
			if (!other.pattern().shape().equals(endpoint.pattern().shape())) {
				continue;
			}
			String conflict = null;
			if (other.kind() != ResourceKind.NONE && endpoint.kind() != ResourceKind.NONE
					&& (other.kind() != endpoint.kind() || other.query() != endpoint.query())) {
				conflict = "different resource types";
			}
			else if (other.get() != null && endpoint.get() != null) {
				conflict = "two get handlers";
			}
			else if (other.access() != null && endpoint.access() != null) {
				conflict = "two access handlers";
			}
			else {
				for (String m : endpoint.calls().keySet()) {
					if (other.calls().containsKey(m)) {
						conflict = "two handlers for call method '" + m + "'";
					}
				}
				for (String m : endpoint.auths().keySet()) {
					if (other.auths().containsKey(m)) {
						conflict = "two handlers for auth method '" + m + "'";
					}
				}
			}
			if (conflict != null) {
				throw new IllegalStateException("Conflicting RES handlers: " + endpoint.describe() + " and "
						+ other.describe() + " have " + conflict + " for the same resources");
			}
		}
		endpoints.add(endpoint);
		endpoints.sort(Comparator.comparing(ResourceEndpoint::pattern, HandlerPattern::compareSpecificity));
	}

	synchronized List<ResourceEndpoint> endpoints() {
		return List.copyOf(endpoints);
	}

	/**
	 * Finds the most specific endpoint matching a name with a handler for the request; if none has such a
	 * handler, the most specific matching endpoint.
	 * @param resourceName the resource name
	 * @param type the request type, or {@code null} for any
	 * @param method the call or auth method
	 * @return the match, or {@code null} if no pattern matches
	 */
	synchronized Match find(String resourceName, RequestType type, String method) {
		String[] tokens = resourceName.split("\\.", -1);
		Match first = null;
		for (ResourceEndpoint e : endpoints) {
			Map<String, String> params = e.pattern().match(tokens);
			if (params == null) {
				continue;
			}
			Match m = new Match(e, params);
			if (type == null || e.handler(type, method) != null) {
				return m;
			}
			if (first == null) {
				first = m;
			}
		}
		return first;
	}
}
