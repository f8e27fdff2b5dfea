package io.resgate.spring.gateway.web;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes an upgraded connection's socket at once, for a peer that neither reads nor answers a
 * close frame.
 *
 * <p>The Servlet API closes an upgraded connection with {@link WebConnection#close()}, and Tomcat
 * (11.0) applies that only at the connection's next read or write event, which a stalled peer never
 * causes. On Tomcat the socket is therefore closed through the connection's socket wrapper, the way
 * Tomcat's own WebSocket implementation closes one; on other containers, or if Tomcat's internals
 * differ, {@link WebConnection#close()} is all that is done (logged once).
 */
final class SocketAbort {

	private static final Log logger = LogFactory.getLog(SocketAbort.class);

	private static final String TOMCAT_CONNECTION = "org.apache.coyote.http11.upgrade.UpgradeProcessorExternal";

	private final Object lock = new Object();

	private boolean resolved;

	private Field stream;

	private Field wrapper;

	private Method close;

	/**
	 * Closes the connection, and its socket at once where the container allows it.
	 * @param connection the connection
	 */
	void abort(WebConnection connection) {
		try {
			connection.close();
		}
		catch (Exception ex) {
			logger.debug("Closing an upgraded connection failed: " + ex);
		}
		if (!connection.getClass().getName().equals(TOMCAT_CONNECTION) || !resolve(connection.getClass())) {
			return;
		}
		try {
			Object socket = wrapper.get(stream.get(connection));
			if (socket != null) {
				close.invoke(socket);
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Closing a socket failed: " + ex);
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
					Method c = w.getType().getMethod("close");
					stream = s;
					wrapper = w;
					close = c;
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					logger.info("Stalled WebSocket connections are closed when their peer next reads or sends: "
							+ "this Tomcat version offers no way to close them at once (" + ex + ")");
				}
			}
			return close != null;
		}
	}
}
