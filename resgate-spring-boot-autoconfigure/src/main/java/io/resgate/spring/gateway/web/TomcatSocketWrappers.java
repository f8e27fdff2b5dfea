package io.resgate.spring.gateway.web;

import java.lang.reflect.Field;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Finds Tomcat's socket wrapper behind an upgraded connection, for what the Servlet API cannot do with
 * its socket ({@link SocketAbort}, {@link SocketTakeover}): the wrapper is the field
 * {@code socketWrapper} of the connection's {@code upgradeServletOutputStream} (Tomcat 11). The fields
 * are looked up once; where they differ, or on another container, there is no wrapper (logged once).
 */
final class TomcatSocketWrappers {

	private static final Log logger = LogFactory.getLog(TomcatSocketWrappers.class);

	private static final String TOMCAT_CONNECTION = "org.apache.coyote.http11.upgrade.UpgradeProcessorExternal";

	private final Object lock = new Object();

	private boolean resolved;

	private Field stream;

	private Field wrapper;

	/**
	 * @param connection an upgraded connection
	 * @return Tomcat's socket wrapper of it, or {@code null} when there is none to be had
	 */
	Object of(WebConnection connection) {
		if (!connection.getClass().getName().equals(TOMCAT_CONNECTION) || !resolve(connection.getClass())) {
			return null;
		}
		try {
			return wrapper.get(stream.get(connection));
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Finding the socket of an upgraded connection failed: " + ex);
			return null;
		}
	}

	private boolean resolve(Class<?> type) {
		synchronized (lock) {
			if (!resolved) {
				resolved = true;
				try {
					Field s = type.getDeclaredField("upgradeServletOutputStream");
					s.setAccessible(true);
					Field w = s.getType().getDeclaredField("socketWrapper");
					w.setAccessible(true);
					stream = s;
					wrapper = w;
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					logger.info("This Tomcat version gives no access to the socket of an upgraded connection: stalled "
							+ "WebSocket peers are closed at their next socket event and connections are read through "
							+ "the Servlet API (" + ex + ")");
				}
			}
			return wrapper != null;
		}
	}
}
