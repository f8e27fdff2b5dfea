package io.resgate.spring.service;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.resgate.spring.protocol.Rid;

/**
 * A resource reference value, {@code {"rid":"library.book.1"}}, or a soft reference,
 * {@code {"rid":"library.book.1","soft":true}}, which the gateway does not follow.
 *
 * <p>Use it as a model property or collection item, or return it from a call or auth handler for a
 * resource response.
 *
 * @param rid the referenced resource ID
 * @param soft whether it is a soft reference
 */
public record ResRef(String rid, @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean soft) {

	public ResRef {
		if (!Rid.isValid(rid)) {
			throw new IllegalArgumentException("Invalid resource ID: " + rid);
		}
	}

	/**
	 * A reference.
	 * @param rid the referenced resource ID
	 * @return the reference
	 */
	public static ResRef of(String rid) {
		return new ResRef(rid, false);
	}

	/**
	 * A soft reference, not followed by the gateway.
	 * @param rid the referenced resource ID
	 * @return the soft reference
	 */
	public static ResRef soft(String rid) {
		return new ResRef(rid, true);
	}
}
