package io.resgate.spring.service.runtime;

/**
 * The four RES-Service request types.
 */
enum RequestType {

	ACCESS("access"), GET("get"), CALL("call"), AUTH("auth");

	private final String wireName;

	RequestType(String wireName) {
		this.wireName = wireName;
	}

	String wireName() {
		return wireName;
	}

	static RequestType fromWire(String s) {
		return switch (s) {
			case "access" -> ACCESS;
			case "get" -> GET;
			case "call" -> CALL;
			case "auth" -> AUTH;
			default -> null;
		};
	}
}
