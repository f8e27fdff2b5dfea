package io.resgate.spring.gateway.http;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.Meta;
import io.resgate.spring.protocol.ResError;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Turns the outcome of an HTTP API request into the HTTP response, with Resgate's precedence:
 * a 3XX-5XX status from a service's meta object first, then an error, then a resource location,
 * then the body; no body at all is 204.
 */
final class ApiReplies {

	private static final Log logger = LogFactory.getLog(ApiReplies.class);

	private final ApiEncoder encoder;

	/**
	 * @param encoder the encoder of bodies and errors
	 */
	ApiReplies(ApiEncoder encoder) {
		this.encoder = encoder;
	}

	/**
	 * Completes a reply from the outcome of a request.
	 * @param reply the reply, with CORS headers already set
	 * @param outcome the outcome
	 * @param httpMethod the HTTP method of the request
	 */
	void complete(HttpReply reply, Outcome outcome, String httpMethod) {
		Meta meta = outcome.meta();
		if (!MetaHeaders.isValidStatus(meta)) {
			logger.error("Invalid meta status: " + meta.status());
			meta = new Meta(null, meta.header());
		}
		if (MetaHeaders.isDirectResponseStatus(meta)) {
			statusReply(reply, meta.status(), meta.header(), outcome.href(), outcome.error());
			return;
		}
		reply.mergeMetaHeaders((meta != null) ? meta.header() : null);
		ResError error = outcome.error();
		if (error != null) {
			if (error.is(ResError.CODE_METHOD_NOT_FOUND) && isMappedMethod(httpMethod)) {
				error = ResError.METHOD_NOT_ALLOWED;
			}
			errorReply(reply, error);
			return;
		}
		if (outcome.href() != null && !outcome.href().isEmpty()) {
			reply.setHeader("Location", outcome.href()).status(200);
			return;
		}
		if (outcome.body() != null && outcome.body().length > 0) {
			reply.setHeader("Content-Type", encoder.contentType()).status(200).body(outcome.body());
			return;
		}
		reply.status(204);
	}

	/**
	 * A reply with a status a service set: a redirect to the given or the meta's location for
	 * 3XX, else the error (or one derived from the status) as body.
	 * @param reply the reply
	 * @param status the 3XX, 4XX or 5XX status
	 * @param header meta headers, or {@code null}
	 * @param href the API path of a resource response, or {@code null}
	 * @param error the error of the response, or {@code null}
	 */
	void statusReply(HttpReply reply, int status, Map<String, List<String>> header, String href, ResError error) {
		if (status >= 300 && status < 400) {
			Map<String, List<String>> canonical = MetaHeaders.canonical(header);
			if (href != null && !href.isEmpty() && !canonical.containsKey("Location")) {
				reply.setHeader("Location", href);
			}
			reply.mergeMetaHeaders(canonical).status(status);
			return;
		}
		ResError e = (error != null) ? error : HttpErrors.errorOf(status);
		reply.mergeMetaHeaders(header)
			.setHeader("Content-Type", encoder.contentType())
			.status(status)
			.body(encoder.encodeError(e));
	}

	/**
	 * A reply with an error, its status given by its code.
	 * @param reply the reply
	 * @param error the error
	 */
	void errorReply(HttpReply reply, ResError error) {
		reply.setHeader("Content-Type", encoder.contentType())
			.status(HttpErrors.statusOf(error))
			.body(encoder.encodeError(error));
	}

	/**
	 * A 404 reply for paths that are no resource.
	 * @param reply the reply
	 */
	void notFound(HttpReply reply) {
		reply.setHeader("Content-Type", encoder.contentType()).status(404).body(encoder.encodeError(ResError.NOT_FOUND));
	}

	private static boolean isMappedMethod(String httpMethod) {
		return "PUT".equals(httpMethod) || "DELETE".equals(httpMethod) || "PATCH".equals(httpMethod);
	}

	/**
	 * What a request came to.
	 * @param body the encoded body, or {@code null}
	 * @param href the API path of the resource of a resource response, or {@code null}
	 * @param error the error, or {@code null}
	 * @param meta the merged meta of the auth, access and call responses, or {@code null}
	 */
	record Outcome(byte[] body, String href, ResError error, Meta meta) {
	}
}
