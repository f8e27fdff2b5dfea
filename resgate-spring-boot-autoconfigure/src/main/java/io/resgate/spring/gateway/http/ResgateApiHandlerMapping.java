package io.resgate.spring.gateway.http;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Maps every request under the API path to the {@link ResgateApiHandler}, whatever its method.
 * It answers CORS preflight requests itself, so Spring MVC's own CORS handling is not involved.
 */
public class ResgateApiHandlerMapping implements HandlerMapping, Ordered {

	private final ResgateApiHandler handler;

	private final int order;

	/**
	 * @param handler the API handler
	 * @param order the order among handler mappings; it must come before controllers
	 */
	public ResgateApiHandlerMapping(ResgateApiHandler handler, int order) {
		this.handler = handler;
		this.order = order;
	}

	@Override
	public HandlerExecutionChain getHandler(HttpServletRequest request) {
		String uri = request.getRequestURI();
		String ctx = request.getContextPath();
		String path = (ctx != null && !ctx.isEmpty() && uri.startsWith(ctx)) ? uri.substring(ctx.length()) : uri;
		return handler.handles(path) ? new HandlerExecutionChain(handler) : null;
	}

	@Override
	public int getOrder() {
		return order;
	}
}
