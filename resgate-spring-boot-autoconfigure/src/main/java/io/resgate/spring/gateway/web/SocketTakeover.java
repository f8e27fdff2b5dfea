package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes the reading of an upgraded connection's socket over from the container, where the container
 * allows it: Tomcat's NIO connector on plain (not TLS) sockets. The Servlet API reads an upgraded
 * connection through the container's poller, which hands every readable socket to a worker thread
 * and must be asked again to watch the socket after each read; a {@link ReadLoop} instead watches
 * its sockets all the time and reads on the thread that was woken. Writing stays with the container.
 *
 * <p>What the container had read past the upgrade request is drained first, through the container's
 * socket wrapper; from then on the socket is read directly. The container's poller is told, through
 * the socket wrapper, to stop watching the socket for reading, so that it does not wake for the bytes
 * the loop reads. On any other container, on TLS, or where Tomcat's internals differ, nothing is taken
 * over (logged once) and the connection reads through the Servlet API.
 */
final class SocketTakeover {

	private static final Log logger = LogFactory.getLog(SocketTakeover.class);

	private static final String NIO_WRAPPER = "org.apache.tomcat.util.net.NioEndpoint$NioSocketWrapper";

	private static final String NIO_CHANNEL = "org.apache.tomcat.util.net.NioChannel";

	private final TomcatSocketWrappers wrappers;

	private final Object lock = new Object();

	private boolean resolved;

	private boolean usable;

	private Method getSocket;

	private Method getIOChannel;

	private Method read;

	private Method interestOps;

	private Method setInterestOps;

	private Method getPoller;

	private Method getSelector;

	/** The socket of a taken-over connection, with what the container keeps of it. */
	static final class Socket {

		private final SocketChannel channel;

		private final Object wrapper;

		private final SocketTakeover takeover;

		/** The container poller's key of the socket, once found. */
		private SelectionKey containerKey;

		Socket(SocketChannel channel, Object wrapper, SocketTakeover takeover) {
			this.channel = channel;
			this.wrapper = wrapper;
			this.takeover = takeover;
		}

		SocketChannel channel() {
			return channel;
		}

		/**
		 * Reads what the container holds or the socket has, without blocking; only before the loop reads
		 * the socket directly.
		 * @return the bytes read, 0 for none, -1 at the end of the stream
		 */
		int readBuffered(byte[] buf) throws IOException {
			return takeover.readBuffered(wrapper, buf);
		}

		/**
		 * Tells the container's poller to stop watching the socket for reading, if it does. The container
		 * asks its poller to watch an upgraded socket after each event it handles for it, which shows in
		 * its poller's key; called by the read loop before each read, this costs a volatile read when there
		 * is nothing to do. The wrapper's record of the interest is cleared with the key's.
		 */
		void muteContainer() {
			SelectionKey key = containerKey;
			if (key == null) {
				key = containerKey = takeover.containerKey(this);
			}
			if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) == 0) {
				return;
			}
			takeover.mute(this, key);
		}
	}

	/**
	 * @param wrappers finds Tomcat's socket wrapper of a connection
	 */
	SocketTakeover(TomcatSocketWrappers wrappers) {
		this.wrappers = wrappers;
	}

	/**
	 * Takes the reading of a connection over.
	 * @param connection the upgraded connection
	 * @return its socket, or {@code null} when it must be read through the Servlet API
	 */
	Socket takeOver(WebConnection connection) {
		Object w = wrappers.of(connection);
		if (w == null || !w.getClass().getName().equals(NIO_WRAPPER) || !resolve(w.getClass())) {
			return null;
		}
		try {
			Object socket = getSocket.invoke(w);
			// a SecureNioChannel (TLS) holds decrypted bytes the socket does not signal: left to the container
			if (socket == null || !socket.getClass().getName().equals(NIO_CHANNEL)) {
				return null;
			}
			return (getIOChannel.invoke(socket) instanceof SocketChannel ch) ? new Socket(ch, w, this) : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Taking over a socket failed: " + ex);
			return null;
		}
	}

	private int readBuffered(Object w, byte[] buf) throws IOException {
		try {
			return (int) read.invoke(w, false, buf, 0, buf.length);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof IOException io) {
				throw io;
			}
			throw new IOException(ex.getCause());
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IOException(ex);
		}
	}

	private SelectionKey containerKey(Socket s) {
		try {
			Object poller = getPoller.invoke(s.wrapper);
			return (poller != null) ? s.channel.keyFor((Selector) getSelector.invoke(poller)) : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private void mute(Socket s, SelectionKey key) {
		try {
			int ops = (int) interestOps.invoke(s.wrapper);
			if ((ops & SelectionKey.OP_READ) != 0) {
				setInterestOps.invoke(s.wrapper, ops & ~SelectionKey.OP_READ);
			}
			if (key != null && key.isValid() && (key.interestOps() & SelectionKey.OP_READ) != 0) {
				key.interestOps(key.interestOps() & ~SelectionKey.OP_READ);
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// a cancelled key or a closed socket: nothing to mute
		}
	}

	/** Looks up the methods of Tomcat's NIO socket wrapper, channel and poller once. */
	private boolean resolve(Class<?> nioWrapper) {
		synchronized (lock) {
			if (!resolved) {
				resolved = true;
				try {
					ClassLoader cl = nioWrapper.getClassLoader();
					Class<?> nioChannel = Class.forName(NIO_CHANNEL, false, cl);
					Class<?> poller = Class.forName("org.apache.tomcat.util.net.NioEndpoint$Poller", false, cl);
					getSocket = nioWrapper.getMethod("getSocket");
					getIOChannel = nioChannel.getMethod("getIOChannel");
					read = nioWrapper.getMethod("read", boolean.class, byte[].class, int.class, int.class);
					interestOps = nioWrapper.getMethod("interestOps");
					setInterestOps = nioWrapper.getMethod("interestOps", int.class);
					getPoller = nioWrapper.getMethod("getPoller");
					getSelector = poller.getMethod("getSelector");
					usable = true;
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					logger.info("WebSocket connections are read through the Servlet API: this container offers "
							+ "no socket to read directly (" + ex + ")");
				}
			}
			return usable;
		}
	}
}
