package io.resgate.spring.service.runtime;

import java.util.List;
import java.util.Map;

/**
 * A resource component as registered with a {@link ResServiceRegistry}: what it serves, for layers built on
 * the registry (such as the store layer) and for tools.
 *
 * @param beanName the bean name (or the class's simple name when registered by hand)
 * @param componentType the annotated class
 * @param pattern the resource pattern, placeholders resolved, such as {@code library.book.$id}
 * @param kind the resource type
 * @param query whether these are query resources
 * @param placeholders the names of the pattern's placeholders, in order
 * @param servesGet whether the component has a get handler
 */
public record RegisteredResource(String beanName, Class<?> componentType, String pattern, ResourceKind kind,
		boolean query, List<String> placeholders, boolean servesGet) {

	public RegisteredResource {
		placeholders = List.copyOf(placeholders);
	}

	/**
	 * The resource name for placeholder values: {@code library.book.$id} with {@code id=42} is
	 * {@code library.book.42}.
	 * @param values a value for each placeholder
	 * @return the resource name
	 * @throws IllegalArgumentException if a placeholder has no value, or the pattern has wildcards
	 */
	public String resourceName(Map<String, String> values) {
		StringBuilder sb = new StringBuilder();
		for (String part : pattern.split("\\.", -1)) {
			if (sb.length() > 0) {
				sb.append('.');
			}
			if (part.equals("*") || part.equals(">")) {
				throw new IllegalArgumentException("The pattern " + pattern + " has wildcards: no single resource name");
			}
			if (part.charAt(0) == '$') {
				String value = values.get(part.substring(1));
				if (value == null || value.isEmpty()) {
					throw new IllegalArgumentException("No value for " + part + " of " + pattern);
				}
				sb.append(value);
			}
			else {
				sb.append(part);
			}
		}
		return sb.toString();
	}

	/**
	 * The pattern as a resource name pattern for {@code system.reset}: placeholders become {@code *}.
	 * @return the pattern, such as {@code library.book.*}
	 */
	public String resetPattern() {
		StringBuilder sb = new StringBuilder();
		for (String part : pattern.split("\\.", -1)) {
			if (sb.length() > 0) {
				sb.append('.');
			}
			sb.append(part.charAt(0) == '$' ? "*" : part);
		}
		return sb.toString();
	}
}
