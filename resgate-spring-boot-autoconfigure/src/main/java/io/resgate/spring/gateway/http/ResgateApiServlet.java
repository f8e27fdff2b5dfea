package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The HTTP API as a servlet of its own, mapped to the API path: its requests skip Spring MVC's
 * {@code DispatcherServlet} (handler mappings, locale and request attributes, request-handled
 * events), which does nothing for them. Filters registered for every path, Spring Security's
 * filter chain among them, still apply. Every method, {@code OPTIONS} included, goes to the
 * {@link ResgateApiHandler}.
 *
 * <p>The container's error dispatch of an API request still reaches {@code DispatcherServlet},
 * where {@link ResgateApiHandlerMapping} answers it with a RES error.
 */
public class ResgateApiServlet extends HttpServlet {

	private static final long serialVersionUID = 1L;

	private final transient ResgateApiHandler handler;

	/**
	 * @param handler the API handler
	 */
	public ResgateApiServlet(ResgateApiHandler handler) {
		this.handler = handler;
	}

	@Override
	protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
		handler.handleRequest(request, response);
	}

	/**
	 * The servlet mapping of an API path, or none where a servlet of its own cannot serve the API
	 * without taking requests that are not the API's: an API path of {@code /}, or one holding the
	 * WebSocket path (whose upgrades Spring MVC maps).
	 * @param apiPath the configured API path, such as {@code /api}
	 * @param wsPath the configured WebSocket path, such as {@code /}
	 * @return the URL mappings ({@code /api/*}, which also maps {@code /api}), or an empty list
	 */
	public static List<String> urlMappings(String apiPath, String wsPath) {
		ApiPath api = new ApiPath(apiPath);
		String prefix = api.prefix();
		if (prefix.equals("/") || prefix.contains("*")) {
			return List.of();
		}
		String ws = (wsPath == null || wsPath.isEmpty()) ? "/" : (wsPath.startsWith("/") ? wsPath : "/" + wsPath);
		if (api.handles(ws)) {
			return List.of();
		}
		return List.of(prefix + "*");
	}
}
