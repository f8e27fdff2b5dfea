package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.Http11InputBuffer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.res.StringManager;

/**
 * Tomcat's error report for a gateway: every error response that nobody wrote a body for gets a
 * RES error object as a JSON body instead of Tomcat's HTML page. These are mostly requests that
 * Tomcat refuses before any servlet sees them: a malformed request line, an invalid character in
 * the request target, a bad header, an unsupported transfer encoding.
 *
 * <p>A request line longer than the request header limit is answered {@code 414} with
 * {@code system.subjectTooLong}, the status Resgate gives a request too long to be served; headers
 * over the limit are answered {@code 431}. Any other status keeps the status Tomcat chose, with
 * the error Resgate derives from that status ({@code system.badRequest} for most 4XX).
 *
 * <p>Installed on the host by the gateway's server customizer, in place of Tomcat's (and Spring
 * Boot's) {@link ErrorReportValve}.
 */
public class ResErrorReportValve extends ErrorReportValve {

	private static final Log logger = LogFactory.getLog(ResErrorReportValve.class);

	/** Tomcat's message for a request line or headers over the limit, in the JVM's locale as Tomcat writes it. */
	private static final String HEADER_TOO_LARGE = StringManager.getManager(Http11InputBuffer.class)
		.getString("iib.requestheadertoolarge.error");

	static final ResError HEADER_FIELDS_TOO_LARGE = new ResError(HttpErrors.CODE_BAD_REQUEST,
			"Request header fields too large");

	private final ResCodec codec;

	/** Creates the valve with its own JSON codec (as Tomcat does when it instantiates the host's error valve). */
	public ResErrorReportValve() {
		this(new ResCodec());
	}

	/**
	 * Creates the valve.
	 * @param codec the JSON codec of error bodies
	 */
	public ResErrorReportValve(ResCodec codec) {
		this.codec = codec;
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ResError error;
		if (throwable != null && Objects.equals(throwable.getMessage(), HEADER_TOO_LARGE)) {
			boolean targetRead = !request.getCoyoteRequest().requestURI().isNull();
			status = targetRead ? 431 : 414;
			error = targetRead ? HEADER_FIELDS_TOO_LARGE : ResError.SUBJECT_TOO_LONG;
		}
		else {
			error = HttpErrors.errorOf(status);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Refused an HTTP request with " + status + " " + error.code()
					+ ((throwable != null) ? ": " + throwable.getMessage() : ""));
		}
		try {
			byte[] body = codec.encode(error);
			response.setStatus(status);
			response.setContentType(ApiEncoder.CONTENT_TYPE);
			response.setContentLength(body.length);
			OutputStream out = response.getOutputStream();
			out.write(body);
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response cannot be written any more: nothing to answer.
			logger.debug("Writing an error response failed: " + ex);
		}
	}
}
