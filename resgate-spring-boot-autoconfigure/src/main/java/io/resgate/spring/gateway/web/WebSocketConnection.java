package io.resgate.spring.gateway.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.resgate.spring.gateway.session.ClientConnection;
import io.resgate.spring.gateway.session.FrameWriter;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.WebConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One RES WebSocket connection over an upgraded Servlet connection, with non-blocking I/O only.
 *
 * <p><b>Reading</b>: where the container allows it ({@link SocketTakeover}), a {@link ReadLoops read
 * loop} watches the socket and calls {@link #onReadable()} on its thread when bytes arrive; otherwise
 * the container calls {@link #onDataAvailable()}. The bytes are read into the reading thread's shared
 * buffer and parsed at once, so an idle connection holds no buffer. The connection's
 * {@link MessageAssembler} makes messages of the data frames and delivers them to the gateway; control
 * frames (ping, close) come back here.
 *
 * <p><b>Writing</b> ({@link FrameWriter}): a batch of frames is gathered into one buffer and handed
 * to the container in one write when the output is ready; otherwise it waits for
 * {@link #onWritePossible()}. The batch is done once the container has flushed it to the socket. A
 * pong or close frame goes out as soon as the output allows.
 *
 * <p><b>Closing</b>: a close frame is sent once, then the socket is closed when the peer answers it,
 * or after the engine's close timeout if it does not; a peer's close frame is answered with its code.
 */
final class WebSocketConnection implements FrameWriter, ReadListener, WriteListener {

	private static final Log logger = LogFactory.getLog(WebSocketConnection.class);

	private final WebSocketEngine engine;

	private final PerMessageDeflate deflate;

	private final FrameParser parser;

	private final MessageAssembler messages;

	private final AtomicBoolean disconnected = new AtomicBoolean();

	private volatile ClientConnection client;

	// Read side: used by one container thread at a time.

	private ServletInputStream in;

	/** The socket read by a read loop, or {@code null} when the container reads it; set before it is read. */
	private volatile SocketTakeover.Socket socket;

	private volatile SelectionKey key;

	private volatile boolean reading = true;

	// Write side: guarded by lock.

	private final Object lock = new Object();

	private WebConnection web;

	private ServletOutputStream out;

	private byte[] unsent;

	private Consumer<Throwable> done;

	private byte[] pong;

	private byte[] closeFrame;

	private boolean closeFrameSent;

	private boolean closeFrameFlushed;

	private boolean closeReceived;

	/** Set with closeFrame or ended, for the read side to check without taking the write lock. */
	private volatile boolean closing;

	private boolean failed;

	/** The close frame was queued behind bytes the peer had not read: its answer is not awaited. */
	private boolean closedStalled;

	/** The size of the last batch handed to the container: at most what it still holds for the peer. */
	private int handed;

	private boolean ended;

	private ScheduledFuture<?> abortTimer;

	/**
	 * Creates a connection for an upgrade in progress.
	 * @param engine the shared engine
	 * @param compression whether per-message compression was negotiated
	 */
	WebSocketConnection(WebSocketEngine engine, boolean compression) {
		this.engine = engine;
		this.deflate = compression ? engine.deflate() : null;
		this.parser = new FrameParser(compression);
		this.messages = new MessageAssembler(this, engine, deflate);
	}

	/**
	 * Sets the gateway's connection, before the upgrade completes.
	 * @param client the client connection
	 */
	void attach(ClientConnection client) {
		this.client = client;
	}

	/**
	 * Starts I/O on the upgraded connection; called by the container's thread.
	 * @param connection the upgraded connection
	 */
	void start(WebConnection connection) {
		try {
			ServletInputStream input = connection.getInputStream();
			ServletOutputStream output = connection.getOutputStream();
			synchronized (lock) {
				web = connection;
			}
			engine.opened(this);
			SocketTakeover.Socket taken = engine.readsDirectly() ? engine.takeover().takeOver(connection) : null;
			ReadLoops loops = (taken != null) ? engine.loops() : null;
			if (loops != null) {
				socket = taken;
				output.setWriteListener(this);
				synchronized (lock) {
					out = output;
				}
				loops.register(this, taken);
				return;
			}
			this.in = input;
			input.setReadListener(this);
			output.setWriteListener(this);
			synchronized (lock) {
				out = output;
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Starting a WebSocket connection failed: " + ex);
			end(ex);
		}
	}

	/** The container destroyed the upgraded connection: its socket is closed. */
	void destroyed() {
		end(null);
	}

	/** The gateway's connection, or {@code null} before {@link #attach(ClientConnection)}. */
	ClientConnection client() {
		return client;
	}

	/** The connection ID for logs, or {@code -} before {@link #attach(ClientConnection)}. */
	String cid() {
		ClientConnection c = client;
		return (c != null) ? c.cid() : "-";
	}

	// --- Reading ------------------------------------------------------------------------------

	/**
	 * Where a connection's bytes come from: reads into the buffer, giving the count, 0 for none now, -1 at
	 * the end of the stream.
	 */
	private interface ByteSource {

		int read(WebSocketConnection c, byte[] buf) throws IOException;
	}

	/**
	 * Through the Servlet API, until the container reports nothing more (it calls
	 * {@link #onDataAvailable()} again only after {@code isReady()} said false).
	 */
	private static final ByteSource SERVLET = (c, b) -> c.in.isReady() ? c.in.read(b) : 0;

	/** What the container holds for a taken-over socket, then the socket itself. */
	private static final ByteSource TAKEN_OVER = (c, b) -> c.socket.readBuffered(b);

	/** A taken-over socket, into the reading thread's buffer (the array of its byte buffer). */
	private static final ByteSource CHANNEL = (c, b) -> {
		ByteBuffer bb = c.engine.readByteBuffer();
		bb.clear();
		return c.socket.channel().read(bb);
	};

	/**
	 * Reads and parses what a source has, for at most {@code maxReads} reads; ends or fails the
	 * connection on the end of the stream, an I/O error or a protocol error.
	 * @param buf the reading thread's buffer
	 * @param shortReadDrains whether a read that does not fill the buffer means nothing more is there now
	 * @return whether the connection still reads
	 */
	private boolean read(ByteSource source, byte[] buf, int maxReads, boolean shortReadDrains) {
		try {
			for (int i = 0; i < maxReads && reading; i++) {
				int n = source.read(this, buf);
				if (n < 0) {
					onAllDataRead();
					return false;
				}
				if (n == 0) {
					break;
				}
				parser.feed(buf, 0, n, messages);
				if (shortReadDrains && n < buf.length) {
					break;
				}
			}
			return reading;
		}
		catch (WebSocketException ex) {
			fail(ex.code(), ex.getMessage());
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Reading from WebSocket connection [" + cid() + "] failed: " + ex);
			end(ex);
		}
		return false;
	}

	@Override
	public void onDataAvailable() {
		read(SERVLET, engine.readBuffer(), Integer.MAX_VALUE, false);
	}

	/**
	 * A read loop takes the socket over: reads what the container holds and the socket has now.
	 * @return whether the loop is to watch the socket
	 */
	boolean readTakenOver() {
		if (!read(TAKEN_OVER, engine.readBuffer(), Integer.MAX_VALUE, false)) {
			return false;
		}
		socket.muteContainer();
		return reading;
	}

	void readTakenOverFailed(IOException ex) {
		end(ex);
	}

	/** The read loop watches the socket with this key. */
	void watched(SelectionKey k) {
		key = k;
		if (!reading) {
			k.cancel();
		}
	}

	/**
	 * A read loop found the socket readable: reads it on the loop's thread, at most four buffers' worth
	 * before the loop turns to its other sockets.
	 */
	void onReadable() {
		socket.muteContainer();
		if (!read(CHANNEL, engine.readBuffer(), 4, true)) {
			key.cancel();
		}
	}

	@Override
	public void onAllDataRead() {
		if (!closeReceived) {
			logger.debug("WebSocket connection [" + cid() + "] closed by the peer without a close frame");
		}
		end(null);
	}

	/**
	 * A control frame from the peer, passed on by the {@link MessageAssembler}: a ping is answered with a
	 * pong, a close frame with a close frame.
	 */
	void onControl(int opcode, byte[] payload) {
		switch (opcode) {
			case FrameParser.OP_PING -> {
				After after = new After();
				synchronized (lock) {
					if (closeFrame != null || ended) {
						return;
					}
					pong = Frames.frame(FrameParser.OP_PONG, payload);
					pumpLocked(after);
				}
				after.run();
			}
			case FrameParser.OP_CLOSE -> onClose(payload);
			default -> {
				// a pong needs no answer
			}
		}
	}

	private void onClose(byte[] payload) {
		byte[] echo = CloseCodes.answer(payload);
		reading = false;
		After after = new After();
		after.disconnect = true;
		synchronized (lock) {
			closeReceived = true;
			if (ended) {
				return;
			}
			if (closeFrame == null) {
				closeFrame = Frames.frame(FrameParser.OP_CLOSE, echo);
				closing = true;
				after.cancelled = dropPendingLocked();
				scheduleAbortLocked();
			}
			pumpLocked(after);
		}
		after.run();
	}

	/**
	 * Fails the connection for a protocol error: close frame with the code, then the socket is
	 * closed without waiting for the peer's answer.
	 */
	private void fail(int code, String reason) {
		logger.info("Closing WebSocket connection [" + cid() + "] (" + code + "): " + reason);
		reading = false;
		synchronized (lock) {
			failed = true;
		}
		close(code, reason);
	}

	// --- Writing ------------------------------------------------------------------------------

	@Override
	public void write(List<byte[]> frames, Consumer<Throwable> done) {
		byte[] bytes;
		try {
			bytes = Frames.textFrames(frames, deflate);
		}
		catch (RuntimeException ex) {
			done.accept(ex);
			return;
		}
		After after = new After();
		synchronized (lock) {
			if (ended || closeFrame != null) {
				after.cancelled = done;
			}
			else if (this.done != null) {
				throw new IllegalStateException("a write is in progress");
			}
			else {
				this.unsent = bytes;
				this.done = done;
				pumpLocked(after);
			}
		}
		after.run();
	}

	@Override
	public void onWritePossible() {
		After after = new After();
		synchronized (lock) {
			pumpLocked(after);
		}
		after.run();
	}

	/**
	 * {@inheritDoc}
	 * <p>When the peer has not read what was written before, the close frame is queued behind it: the
	 * socket's send buffer is grown to take both at once (where the container allows it), and the
	 * socket is closed as soon as the close frame is handed to it, without waiting for an answer that
	 * a peer that does not read cannot give. A peer that reads again later finds the close frame
	 * before the end of the stream. Otherwise the socket is closed after the close timeout.
	 */
	@Override
	public void close(int code, String reason) {
		After after = new After();
		after.disconnect = true;
		WebConnection blocked = null;
		long room = 0;
		synchronized (lock) {
			if (ended || closeFrame != null) {
				return;
			}
			closeFrame = Frames.frame(FrameParser.OP_CLOSE, CloseCodes.payload(code, reason));
			closing = true;
			after.cancelled = dropPendingLocked();
			scheduleAbortLocked();
			pumpLocked(after);
			if (out != null && !closeFrameFlushed && !ended) {
				closedStalled = true;
				blocked = web;
				room = (long) handed + closeFrame.length;
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Closing WebSocket connection [" + cid() + "] (" + code + "): " + reason);
		}
		if (blocked != null && !engine.abort().makeRoom(blocked, room)) {
			logger.debug("WebSocket connection [" + cid() + "]: no room for the close frame; the socket is closed in "
					+ engine.closeTimeout().toMillis() + " ms");
		}
		after.run();
	}

	/** Drops the batch not yet written; returns its completion, to be failed outside the lock. */
	private Consumer<Throwable> dropPendingLocked() {
		Consumer<Throwable> d = done;
		done = null;
		unsent = null;
		pong = null;
		return d;
	}

	private void scheduleAbortLocked() {
		if (abortTimer == null) {
			try {
				abortTimer = engine.timer().schedule(this::abortNow, engine.closeTimeout().toMillis(),
						TimeUnit.MILLISECONDS);
			}
			catch (RejectedExecutionException ex) {
				// the gateway is stopping: the server closes its connections itself
			}
		}
	}

	/**
	 * Writes what waits, for as long as the output is ready, and notes in {@code after} what is to
	 * be done once the lock is released: a completed batch, a write error, a close to finish.
	 * Must hold the lock.
	 */
	private void pumpLocked(After after) {
		try {
			while (out != null && !ended && out.isReady()) {
				if (done != null && unsent == null) {
					after.completed = done;
					done = null;
				}
				else if (closeFrameSent) {
					closeFrameFlushed = true;
					break;
				}
				else if (pong != null) {
					send(pong);
					pong = null;
				}
				else if (unsent != null) {
					handed = unsent.length;
					send(unsent);
					unsent = null;
				}
				else if (closeFrame != null) {
					send(closeFrame);
					closeFrameSent = true;
				}
				else {
					break;
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Writing to WebSocket connection [" + cid() + "] failed: " + ex);
			after.failure = ex;
			Consumer<Throwable> d = dropPendingLocked();
			if (d != null) {
				after.cancelled = d;
			}
			return;
		}
		after.terminate = closeFrameFlushed && (closeReceived || failed || closedStalled) && !ended;
	}

	/**
	 * Hands bytes to the container, and flushes them to the socket if the output is still ready
	 * (a flush, like a write, is allowed only then); otherwise the container flushes what it holds
	 * before it reports the output ready again.
	 */
	private void send(byte[] bytes) throws IOException {
		out.write(bytes);
		if (out.isReady()) {
			out.flush();
		}
	}

	/** Whether a close frame is on its way or the connection ended; read without the write lock. */
	boolean isClosing() {
		return closing;
	}

	/** What a call decided while holding the lock, done after releasing it. */
	private final class After {

		Consumer<Throwable> completed;

		Consumer<Throwable> cancelled;

		Throwable failure;

		boolean disconnect;

		boolean terminate;

		void run() {
			if (cancelled != null) {
				cancelled.accept((failure != null) ? failure : new IOException("WebSocket connection closed"));
			}
			if (completed != null) {
				completed.accept(null);
			}
			if (failure != null) {
				end(failure);
			}
			if (disconnect) {
				disconnected();
			}
			if (terminate) {
				terminate();
			}
		}
	}

	@Override
	public void onError(Throwable t) {
		logger.debug("WebSocket connection [" + cid() + "] failed: " + t);
		end(t);
	}

	// --- Ending -------------------------------------------------------------------------------

	/** Closes the upgraded connection, once the close handshake is done or cut short. */
	private void terminate() {
		WebConnection w;
		synchronized (lock) {
			w = web;
		}
		if (w != null) {
			closeWeb(w);
		}
	}

	/**
	 * Closes the upgraded connection. The container applies a close at the connection's next socket event
	 * it watches for; it watches a taken-over socket for none, so that socket is closed at once.
	 */
	private void closeWeb(WebConnection w) {
		if (socket != null) {
			engine.abort().abort(w);
			return;
		}
		try {
			w.close();
		}
		catch (Exception ex) {
			logger.debug("Closing WebSocket connection [" + cid() + "] failed: " + ex);
		}
	}

	/** The peer did not answer the close frame in time, or never read it: close the socket now. */
	private void abortNow() {
		WebConnection w;
		synchronized (lock) {
			if (ended) {
				return;
			}
			w = web;
		}
		if (w != null) {
			engine.abort().abort(w);
		}
		end(null);
	}

	/** The connection is over: fails a pending write and disposes the client connection. */
	private void end(Throwable cause) {
		Consumer<Throwable> cancelled;
		WebConnection w;
		synchronized (lock) {
			if (ended) {
				return;
			}
			ended = true;
			closing = true;
			cancelled = dropPendingLocked();
			if (abortTimer != null) {
				abortTimer.cancel(false);
			}
			w = web;
		}
		reading = false;
		SelectionKey k = key;
		if (k != null) {
			k.cancel();
		}
		engine.ended(this);
		if (cancelled != null) {
			cancelled.accept((cause != null) ? cause : new IOException("WebSocket connection closed"));
		}
		disconnected();
		if (w != null) {
			closeWeb(w);
		}
	}

	private void disconnected() {
		ClientConnection c = client;
		if (c != null && disconnected.compareAndSet(false, true)) {
			engine.gateway().disconnected(c);
		}
	}
}
