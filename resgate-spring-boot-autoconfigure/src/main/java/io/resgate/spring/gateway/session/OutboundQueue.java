package io.resgate.spring.gateway.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A bounded queue of outgoing frames with a single writer. Senders never block; the writer runs
 * on its own executor, one frame at a time. When a slow client lets the queue overflow, the queue
 * is dropped and the connection closed (the client reconnects and resynchronizes), so that one
 * client can never hold up the gateway.
 */
public final class OutboundQueue implements ClientSink {

	private static final Log logger = LogFactory.getLog(OutboundQueue.class);

	/** Writes frames to the transport; may block. */
	public interface FrameWriter {

		/**
		 * Writes a frame.
		 * @param frame the frame
		 * @throws Exception if the transport failed
		 */
		void write(byte[] frame) throws Exception;

		/**
		 * Closes the transport.
		 * @param reason why
		 */
		void close(String reason);
	}

	private final FrameWriter writer;

	private final Executor executor;

	private final int limit;

	private final ArrayDeque<byte[]> frames = new ArrayDeque<>();

	private boolean writing;

	private boolean closed;

	/**
	 * Creates a queue.
	 * @param writer the transport writer
	 * @param executor runs the writer
	 * @param limit the largest number of queued frames
	 */
	public OutboundQueue(FrameWriter writer, Executor executor, int limit) {
		this.writer = writer;
		this.executor = executor;
		this.limit = limit;
	}

	@Override
	public void send(byte[] frame) {
		synchronized (frames) {
			if (closed) {
				return;
			}
			if (frames.size() >= limit) {
				closed = true;
				frames.clear();
			}
			else {
				frames.add(frame);
				if (writing) {
					return;
				}
				writing = true;
			}
		}
		if (closed) {
			logger.warn("Outbound queue of a client connection overflowed (" + limit + " frames); closing it");
			closeTransport("outbound queue overflow");
			return;
		}
		try {
			executor.execute(this::drain);
		}
		catch (RejectedExecutionException ex) {
			synchronized (frames) {
				writing = false;
				closed = true;
				frames.clear();
			}
		}
	}

	private void drain() {
		while (true) {
			byte[] frame;
			synchronized (frames) {
				frame = frames.poll();
				if (frame == null) {
					writing = false;
					return;
				}
			}
			try {
				writer.write(frame);
			}
			catch (Exception ex) {
				logger.debug("Writing to a client failed: " + ex);
				synchronized (frames) {
					closed = true;
					frames.clear();
					writing = false;
				}
				closeTransport("write failed");
				return;
			}
		}
	}

	@Override
	public void disconnect(String reason) {
		synchronized (frames) {
			closed = true;
			frames.clear();
		}
		closeTransport(reason);
	}

	/** Closes the transport on the writer's executor: closing may block on a slow client. */
	private void closeTransport(String reason) {
		Runnable close = () -> {
			try {
				writer.close(reason);
			}
			catch (RuntimeException ex) {
				logger.debug("Closing a client transport failed", ex);
			}
		};
		try {
			executor.execute(close);
		}
		catch (RejectedExecutionException ex) {
			close.run();
		}
	}
}
