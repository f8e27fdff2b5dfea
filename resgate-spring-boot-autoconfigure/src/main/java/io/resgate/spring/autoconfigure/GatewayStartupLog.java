package io.resgate.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;

import io.resgate.spring.gateway.http.ResgateApiHandler;
import io.resgate.spring.messaging.Messaging;

/**
 * Logs one line when the application context is ready: where the gateway takes WebSocket clients, where
 * its HTTP API is, and which messaging system it reaches the services over.
 */
final class GatewayStartupLog implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.gateway");

	private final Messaging messaging;

	private final ResgateProperties properties;

	private final ObjectProvider<ResgateApiHandler> apiHandler;

	private final String contextPath;

	GatewayStartupLog(Messaging messaging, ResgateProperties properties, ObjectProvider<ResgateApiHandler> apiHandler,
			Environment environment) {
		this.messaging = messaging;
		this.properties = properties;
		this.apiHandler = apiHandler;
		String path = environment.getProperty("server.servlet.context-path", "");
		this.contextPath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (logger.isInfoEnabled()) {
			logger.info(line());
		}
	}

	String line() {
		String api = (apiHandler.getIfAvailable() == null) ? "HTTP API off"
				: "HTTP API under " + contextPath + withSlash(properties.getApiPath());
		return "RES gateway: WebSocket at " + contextPath + properties.getWsPath() + ", " + api + ", services over "
				+ messaging.describe();
	}

	private static String withSlash(String path) {
		return path.endsWith("/") ? path : path + "/";
	}
}
