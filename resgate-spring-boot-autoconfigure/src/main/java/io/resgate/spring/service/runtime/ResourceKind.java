package io.resgate.spring.service.runtime;

/**
 * The type of the resources an endpoint serves.
 */
enum ResourceKind {

	MODEL("model"), COLLECTION("collection"), NONE("resource");

	private final String label;

	ResourceKind(String label) {
		this.label = label;
	}

	String label() {
		return label;
	}
}
