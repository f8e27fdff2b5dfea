package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of HTTP API calls before any other filter can, so that a filter parsing form
 * bodies (such as Spring's {@code FormContentFilter} for PUT, PATCH and DELETE) cannot take it:
 * {@code curl -X PUT -d '{"a":1}'} sends a JSON body labelled as a form, and Resgate reads it as
 * JSON. The body is handed to the {@link ResgateApiHandler} as a request attribute.
 */
public class ApiBodyFilter extends OncePerRequestFilter {

	/** The request attribute holding the body bytes, {@link #TOO_LARGE}, or the {@link IOException} reading it failed with. */
	static final String BODY = ApiBodyFilter.class.getName() + ".body";

	/** The attribute value for a body larger than the limit. */
	static final Object TOO_LARGE = new Object();

	private final ResgateApiHandler handler;

	private final long maxBodySize;

	/**
	 * @param handler the API handler, telling which paths are the API's
	 * @param maxBodySize the largest body read, in bytes
	 */
	public ApiBodyFilter(ResgateApiHandler handler, long maxBodySize) {
		this.handler = handler;
		this.maxBodySize = maxBodySize;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String m = request.getMethod();
		boolean call = "POST".equals(m) || "PUT".equals(m) || "PATCH".equals(m) || "DELETE".equals(m);
		return !call || !handler.handles(ResgateApiHandler.rawPath(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object body;
		try {
			body = read(request, maxBodySize);
		}
		catch (IOException ex) {
			// A malformed body (such as a bad chunk): the handler answers it with a RES error.
			body = ex;
		}
		request.setAttribute(BODY, body);
		chain.doFilter(request, response);
	}

	/**
	 * Reads a request body up to a limit.
	 * @param request the request
	 * @param max the limit
	 * @return the bytes, or {@link #TOO_LARGE}
	 * @throws IOException if reading fails
	 */
	static Object read(HttpServletRequest request, long max) throws IOException {
		if (request.getContentLengthLong() > max) {
			return TOO_LARGE;
		}
		// Not closed: later filters may still ask for the (then empty) stream.
		InputStream in = request.getInputStream();
		byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
		return (b.length > max) ? TOO_LARGE : b;
	}
}
