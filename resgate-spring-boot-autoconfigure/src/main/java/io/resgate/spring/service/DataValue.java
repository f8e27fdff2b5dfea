package io.resgate.spring.service;

/**
 * A data value, {@code {"data": ...}}: wraps any JSON (an object or an array) so it may be a model
 * property or collection item. Clients see the wrapped value as one immutable value.
 *
 * @param <T> the type of the wrapped value
 * @param data the wrapped value
 */
public record DataValue<T>(T data) {

	/**
	 * Wraps a value.
	 * @param <T> the type of the value
	 * @param data the value
	 * @return the data value
	 */
	public static <T> DataValue<T> of(T data) {
		return new DataValue<>(data);
	}
}
