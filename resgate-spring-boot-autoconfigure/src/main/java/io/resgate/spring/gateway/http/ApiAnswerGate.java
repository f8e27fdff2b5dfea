package io.resgate.spring.gateway.http;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds the answer of an HTTP API request back until every filter the request passed through has
 * returned. The API answers asynchronously: an answer that arrives while filters are still at work on
 * the request's thread (Spring Security's header writer adds its headers after the servlet returns)
 * must not be written by another thread at the same time, as two threads changing one response's
 * headers corrupt them. Registered first of all filters on the API's paths: an answer that arrives
 * before the filters have returned is written on the request's own thread once they have (which also
 * saves the hand-over to another container thread); a later one is written as soon as it arrives.
 */
public class ApiAnswerGate extends OncePerRequestFilter {

	/** The request attribute holding the request's {@link Gate}. */
	static final String GATE = ApiAnswerGate.class.getName() + ".gate";

	private final ResgateApiHandler handler;

	/**
	 * @param handler the API handler, telling which paths are the API's
	 */
	public ApiAnswerGate(ResgateApiHandler handler) {
		this.handler = handler;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !handler.handles(ResgateApiHandler.rawPath(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Gate gate = new Gate();
		request.setAttribute(GATE, gate);
		try {
			chain.doFilter(request, response);
		}
		finally {
			gate.open();
		}
	}

	/** The gate of one request. */
	static final class Gate {

		private boolean open;

		private Runnable held;

		/**
		 * Holds the writing of an answer until the filters have returned.
		 * @param write writes the answer and completes the request
		 * @return false if they have returned: the caller writes it now
		 */
		synchronized boolean hold(Runnable write) {
			if (open) {
				return false;
			}
			held = write;
			return true;
		}

		/** The filters have returned: writes a held answer on this thread. */
		void open() {
			Runnable write;
			synchronized (this) {
				open = true;
				write = held;
				held = null;
			}
			if (write != null) {
				write.run();
			}
		}
	}
}
