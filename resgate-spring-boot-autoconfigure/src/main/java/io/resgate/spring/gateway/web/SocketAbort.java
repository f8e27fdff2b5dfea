package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What the Servlet API cannot do with an upgraded connection's socket, for a peer that does not
 * read: make room in its send buffer for a close frame, and close it at once.
 *
 * <p>A close frame for a peer that stopped reading waits behind the bytes the container holds for
 * it, and would reach the peer only if it read again before its socket is closed. Growing the
 * socket's send buffer by what the container holds lets the container hand those bytes and the
 * close frame to the socket at once; the socket can then be closed without the peer's help, and a
 * peer that reads again later finds the close frame before the end of the stream.
 *
 * <p>The Servlet API closes an upgraded connection with {@link WebConnection#close()}, and Tomcat
 * (11.0) applies that only at the connection's next read or write event, which a stalled peer never
 * causes. On Tomcat the socket is therefore closed through the connection's socket wrapper, the way
 * Tomcat's own WebSocket implementation closes one; on other containers, or if Tomcat's internals
 * differ, {@link WebConnection#close()} is all that is done, and no room is made (logged once).
 */
final class SocketAbort {

	private static final Log logger = LogFactory.getLog(SocketAbort.class);

	private final TomcatSocketWrappers wrappers;

	private final Object lock = new Object();

	private boolean resolved;

	private Method close;

	private Method socket;

	/**
	 * @param wrappers finds Tomcat's socket wrapper of a connection
	 */
	SocketAbort(TomcatSocketWrappers wrappers) {
		this.wrappers = wrappers;
	}

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
		Object w = wrappers.of(connection);
		if (w == null || !resolve(w.getClass())) {
			return;
		}
		try {
			close.invoke(w);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Closing a socket failed: " + ex);
		}
	}

	/**
	 * Grows the send buffer of the connection's socket by {@code bytes}, where the container and the
	 * operating system allow it.
	 * @param connection the connection
	 * @param bytes how much more the socket is to take
	 * @return whether the send buffer was set to grow (the operating system may cap it)
	 */
	boolean makeRoom(WebConnection connection, long bytes) {
		Object w = wrappers.of(connection);
		if (w == null || !resolve(w.getClass())) {
			return false;
		}
		try {
			Object wrapped = socket.invoke(w);
			if (wrapped == null) {
				return false;
			}
			// NioChannel or Nio2Channel; resolved per call: this is done only for a peer that stopped reading
			if (!(wrapped.getClass().getMethod("getIOChannel").invoke(wrapped) instanceof NetworkChannel ch)) {
				return false;
			}
			int size = ch.getOption(StandardSocketOptions.SO_SNDBUF);
			// a socket reports itself writable again only once its free space is half of what it holds
			ch.setOption(StandardSocketOptions.SO_SNDBUF, (int) Math.min(Integer.MAX_VALUE / 2, 2L * size + bytes));
			// the container may hand over what it holds, and the connection be closed, at once
			return true;
		}
		catch (ClosedChannelException ex) {
			return true;
		}
		catch (ReflectiveOperationException | IOException | RuntimeException ex) {
			logger.debug("Growing a socket's send buffer failed: " + ex);
			return false;
		}
	}

	/** Looks up the socket wrapper's methods (public ones of Tomcat's SocketWrapperBase) once. */
	private boolean resolve(Class<?> type) {
		synchronized (lock) {
			if (!resolved) {
				resolved = true;
				try {
					Method c = type.getMethod("close");
					Method g = type.getMethod("getSocket");
					close = c;
					socket = g;
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
