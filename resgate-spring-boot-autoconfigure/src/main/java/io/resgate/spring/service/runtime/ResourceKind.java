package io.resgate.spring.service.runtime;

/**
 * The type of the resources a component serves: models ({@code @ResModel}), collections
 * ({@code @ResCollection}), or none ({@code @ResResource}: call, auth and access handlers only).
 */
public enum ResourceKind {

	/** Models. */
	MODEL("model"),
	/** Collections. */
	COLLECTION("collection"),
	/** No get handler: call, auth and access handlers only. */
	NONE("resource");

	private final String label;

	ResourceKind(String label) {
		this.label = label;
	}

	String label() {
		return label;
	}
}
