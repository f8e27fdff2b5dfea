package io.resgate.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because no NATS server could be reached: which server URLs were
 * tried (without credentials), the last error, and which property to set.
 */
class NatsConnectionFailureAnalyzer extends AbstractFailureAnalyzer<NatsConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NatsConnectionException cause) {
		StringBuilder description = new StringBuilder("The RES messaging could not connect to NATS. Servers tried (")
			.append(cause.getUrls().size() == 1 ? "1 server" : cause.getUrls().size() + " servers")
			.append(", connection timeout ")
			.append(cause.getConnectionTimeout().toMillis())
			.append(" ms each):\n");
		cause.getUrls().forEach(url -> description.append("\n    ").append(url));
		if (cause.getCause() != null) {
			description.append("\n\nLast error: ").append(cause.getCause());
		}
		String action = "Start a NATS server at one of these URLs, or set 'resgate.nats.url' to the URLs of reachable "
				+ "NATS servers (comma-separated), checking 'resgate.nats.credentials-file' and 'resgate.nats.tls.*' "
				+ "if the server requires them. To run without NATS on the in-process bus, leave 'resgate.nats.url' unset.";
		return new FailureAnalysis(description.toString(), action, cause);
	}
}
