package io.resgate.spring.gateway.cache;

/** The type of a cached resource. */
public enum ResourceType {
	/** A model: named properties. */
	MODEL,
	/** A collection: an ordered list of values. */
	COLLECTION
}
