package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The threads that read the sockets of WebSocket connections taken over from the container: each
 * watches its sockets with one selector, and reads and handles the bytes of a readable socket on
 * itself, with no hand-over to another thread. A socket stays watched from its registration to its
 * end, so nothing is registered again after a read. Connections are spread over the loops in turn.
 *
 * <p>What a loop runs for a connection must not block: it parses frames and starts their requests,
 * which are asynchronous.
 */
final class ReadLoops implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReadLoops.class);

	private final Loop[] loops;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Starts the loops.
	 * @param count how many threads
	 * @param name the threads' name prefix
	 */
	ReadLoops(int count, String name) {
		loops = new Loop[count];
		try {
			for (int i = 0; i < count; i++) {
				loops[i] = new Loop(Selector.open());
				Thread t = new Thread(loops[i], name + "-" + (i + 1));
				t.setDaemon(true);
				t.start();
			}
		}
		catch (IOException ex) {
			close();
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Gives a connection's socket to a loop, which drains what the container holds for it and then
	 * watches it.
	 * @param connection the connection
	 * @param socket its socket
	 */
	void register(WebSocketConnection connection, SocketTakeover.Socket socket) {
		Loop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
		loop.tasks.add(() -> loop.start(connection, socket));
		loop.selector.wakeup();
	}

	@Override
	public void close() {
		for (Loop loop : loops) {
			if (loop != null) {
				loop.running = false;
				try {
					loop.selector.close();
				}
				catch (IOException ex) {
					// closing anyway
				}
			}
		}
	}

	/** One loop: a selector and its thread. */
	private static final class Loop implements Runnable {

		final Selector selector;

		final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		volatile boolean running = true;

		Loop(Selector selector) {
			this.selector = selector;
		}

		void start(WebSocketConnection connection, SocketTakeover.Socket socket) {
			if (!connection.readTakenOver()) {
				return;
			}
			try {
				SelectionKey key = socket.channel().register(selector, SelectionKey.OP_READ, connection);
				connection.watched(key);
			}
			catch (ClosedChannelException ex) {
				connection.readTakenOverFailed(ex);
			}
		}

		@Override
		public void run() {
			while (running) {
				try {
					selector.select();
					Runnable task;
					while ((task = tasks.poll()) != null) {
						task.run();
					}
					Iterator<SelectionKey> it = selector.selectedKeys().iterator();
					while (it.hasNext()) {
						SelectionKey key = it.next();
						it.remove();
						if (key.isValid()) {
							((WebSocketConnection) key.attachment()).onReadable();
						}
					}
				}
				catch (ClosedSelectorException ex) {
					return;
				}
				catch (IOException | RuntimeException ex) {
					logger.warn("WebSocket read loop: " + ex);
				}
			}
		}
	}
}
