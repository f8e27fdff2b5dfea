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
		 * Flushes frames the transport may have batched; called when the queue runs empty.
		 * @throws Exception if the transport failed
		 */
		default void flush() throws Exception {
		}

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

	private String closeReason;

	private boolean transportClosed;

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
		boolean overflow = false;
		synchronized (frames) {
			if (closed) {
				return;
			}
			if (frames.size() >= limit) {
				overflow = true;
			}
			else {
				frames.add(frame);
				if (writing) {
					return;
				}
				writing = true;
			}
		}
		if (overflow) {
			logger.warn("Outbound queue of a client connection overflowed (" + limit + " frames); closing it");
			close("outbound queue overflow");
			return;
		}
		schedule();
	}

	private void schedule() {
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

	/**
	 * Drops queued frames and closes the transport; the close is done by the single writer, after
	 * any frame being written, so a write and a close never overlap.
	 */
	private void close(String reason) {
		synchronized (frames) {
			if (closeReason != null) {
				return;
			}
			closed = true;
			closeReason = reason;
			frames.clear();
			if (writing) {
				return;
			}
			writing = true;
		}
		schedule();
	}

	private void drain() {
		while (true) {
			byte[] frame;
			String reason = null;
			synchronized (frames) {
				frame = frames.poll();
				if (frame == null) {
					writing = false;
					if (closeReason != null && !transportClosed) {
						transportClosed = true;
						reason = closeReason;
					}
				}
			}
			if (frame == null) {
				if (reason != null) {
					closeTransport(reason);
				}
				else {
					try {
						writer.flush();
					}
					catch (Exception ex) {
						logger.debug("Flushing to a client failed: " + ex);
					}
				}
				return;
			}
			try {
				writer.write(frame);
			}
			catch (Exception ex) {
				logger.debug("Writing to a client failed: " + ex);
				synchronized (frames) {
					closed = true;
					frames.clear();
					if (closeReason == null) {
						closeReason = "write failed";
					}
				}
			}
		}
	}

	@Override
	public void disconnect(String reason) {
		close(reason);
	}

	private void closeTransport(String reason) {
		try {
			writer.close(reason);
		}
		catch (RuntimeException ex) {
			logger.debug("Closing a client transport failed", ex);
		}
	}
}
