package io.resgate.spring.gateway.http;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Maps every request under the API path to the {@link ResgateApiHandler}, whatever its method.
 * It answers CORS preflight requests itself, so Spring MVC's own CORS handling is not involved.
 * The error page of a request under the API path (the container's error dispatch, as for a request
 * body it could not read) is a RES error too.
 */
public class ResgateApiHandlerMapping implements HandlerMapping, Ordered {

	private final ResgateApiHandler handler;

	private final int order;

	private final HttpRequestHandler errorPage;

	/**
	 * @param handler the API handler
	 * @param order the order among handler mappings; it must come before controllers
	 */
	public ResgateApiHandlerMapping(ResgateApiHandler handler, int order) {
		this.handler = handler;
		this.order = order;
		this.errorPage = handler::handleErrorDispatch;
	}

	@Override
	public HandlerExecutionChain getHandler(HttpServletRequest request) {
		String ctx = request.getContextPath();
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			return (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri
					&& handler.handles(withoutContext(uri, ctx))) ? new HandlerExecutionChain(errorPage) : null;
		}
		return handler.handles(withoutContext(request.getRequestURI(), ctx)) ? new HandlerExecutionChain(handler)
				: null;
	}

	private static String withoutContext(String uri, String ctx) {
		return (ctx != null && !ctx.isEmpty() && uri.startsWith(ctx)) ? uri.substring(ctx.length()) : uri;
	}

	@Override
	public int getOrder() {
		return order;
	}
}
