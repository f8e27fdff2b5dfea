package io.resgate.spring.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * Healthy and stalled WebSocket readers under a full-speed event flood, against a gateway that
 * runs in its own process (this project's, or Resgate) on a NATS server.
 *
 * <p>The tool plays both ends of the gateway, with the JDK only (it can be run from
 * {@code target/classes} without any other jar):
 * <ul>
 * <li>the <b>service</b> on NATS: it answers {@code access.bench.>} (get allowed) and
 * {@code get.bench.model} (the current state), and publishes change events
 * {@code {"values":{"seq":S,"ts":T}}} on {@code event.bench.model.change}, as resbench's
 * {@code fanout} does ({@code T} is this process's {@link System#nanoTime()}, so the clients measure
 * the delivery latency on the same clock);</li>
 * <li>the <b>clients</b>: {@code healthy} + {@code stalled} WebSocket connections, each sending
 * {@code version} and {@code subscribe.bench.model}, all read by one selector thread.</li>
 * </ul>
 * After a warm-up that every client reads, the stalled clients stop reading (their sockets are no
 * longer read at all, so the TCP buffers fill) and the flood is published at full speed. The
 * gateway's side of each stalled connection is watched in {@code /proc/net/tcp}: its send queue
 * grows while the socket buffers take the events and stops growing once they are full ("blocked":
 * from then on a write to the client waits, which is what a write deadline measures). Stalled
 * clients come in two kinds, alternately:
 * <ul>
 * <li><b>returning</b>: it reads again {@code resume} after it was blocked (default: the write
 * deadline + 2 s). What it then finds tells whether the gateway had closed it by then, with a
 * close frame (its code and reason), or still sends it events;</li>
 * <li><b>gone</b>: it does not read while the gateway holds its socket, which tells when the gateway
 * closed the socket (its side leaves ESTABLISHED). Only then is the socket read, to see how the
 * stream ends: a close frame, or cut (1006).</li>
 * </ul>
 * Reported: for the healthy clients, how many were closed (must be 0), how many end on the last
 * event, the events each received (fewer than published means conflated), the delivery latency
 * over all deliveries, each client's mean latency and event rate; for the stalled ones, the close
 * code, reason and time; the gateway's peak RSS ({@code VmHWM}, and sampled during the run) when
 * its pid is given. One JSON line on stdout, a summary on stderr.
 *
 * <p>Options ({@code key=value}): {@code ws}, {@code nats}, {@code healthy} (450), {@code stalled} (50),
 * {@code events} (50000), {@code warmup} (200), {@code deadline} (the gateway's write timeout, 10s),
 * {@code resume} (deadline + 2 s), {@code read-interval} (the pause between read rounds: 50 µs per
 * client, 1 to 50 ms, as resbench's), {@code stalled-rcvbuf} (the stalled sockets' receive buffer, 0 for
 * the system's), {@code timeout} (180s), {@code pid} (the gateway's, for its RSS and CPU), {@code label}.
 *
 * <p>Usage: {@code java -cp resgate-spring-benchmarks/target/classes
 * io.resgate.spring.benchmarks.StalledReadersBenchmark ws=ws://127.0.0.1:18333/ nats=nats://127.0.0.1:14333
 * healthy=450 stalled=50 events=50000 deadline=10s pid=GATEWAY_PID}; see
 * {@code resgate-spring-benchmarks/flood/stalled-readers.sh}, which starts NATS and the gateway.
 */
public final class StalledReadersBenchmark {

	private static final String EVENT_SUBJECT = "event.bench.model.change";

	private static final byte[] SEQ = "\"seq\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] TS = "\"ts\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] EVENT_PREFIX = "{\"event\":".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ID = "\"id\":".getBytes(StandardCharsets.US_ASCII);

	private StalledReadersBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> o = new HashMap<>();
		for (String a : args) {
			int eq = a.indexOf('=');
			if (eq <= 0) {
				System.err.println("arguments are key=value; see the class Javadoc");
				System.exit(2);
			}
			o.put(a.substring(0, eq), a.substring(eq + 1));
		}
		Config c = new Config(URI.create(o.getOrDefault("ws", "ws://127.0.0.1:18333/")),
				URI.create(o.getOrDefault("nats", "nats://127.0.0.1:14333")),
				Integer.parseInt(o.getOrDefault("healthy", "450")), Integer.parseInt(o.getOrDefault("stalled", "50")),
				Integer.parseInt(o.getOrDefault("events", "50000")), Integer.parseInt(o.getOrDefault("warmup", "200")),
				millis(o.getOrDefault("deadline", "10s")),
				millis(o.getOrDefault("resume", "")), millis(o.getOrDefault("timeout", "180s")),
				Long.parseLong(o.getOrDefault("pid", "0")), Integer.parseInt(o.getOrDefault("stalled-rcvbuf", "0")),
				millis(o.getOrDefault("read-interval", "")),
				o.getOrDefault("label", ""));
		int status = new StalledReadersBenchmark.Run(c).execute();
		System.exit(status);
	}

	private static long millis(String s) {
		if (s.isEmpty()) {
			return -1;
		}
		if (s.endsWith("ms")) {
			return Long.parseLong(s.substring(0, s.length() - 2));
		}
		if (s.endsWith("s")) {
			return Math.round(Double.parseDouble(s.substring(0, s.length() - 1)) * 1000);
		}
		return Long.parseLong(s);
	}

	/** The run's settings. */
	record Config(URI ws, URI nats, int healthy, int stalled, int events, int warmup, long deadlineMs,
			long resumeMs, long timeoutMs, long pid, int stalledRcvbuf, long readIntervalMs, String label) {

		/**
		 * The pause between read rounds, as resbench's for an unthrottled flood: 50 µs per client, 1 to 50 ms.
		 * Messages queue up in the kernel meanwhile, so that one read takes many: the tool then takes a
		 * fraction of the CPU it would otherwise, at the cost of that much latency (a flood's latency is its
		 * queue position, seconds).
		 */
		long readPauseMs() {
			return (readIntervalMs >= 0) ? readIntervalMs : Math.max(1, Math.min(50, (healthy + stalled) / 20));
		}

		/** How long after its socket buffers are full a returning client reads again: deadline + 2 s by default. */
		long resumeAfterMs() {
			return (resumeMs >= 0) ? resumeMs : deadlineMs + 2000;
		}
	}

	/** What one client sees. Written by the selector thread only, read after the run. */
	static final class Client {

		final int index;

		final boolean stalled;

		/** A stalled client that reads again after {@code resume}; otherwise it waits for the gateway's close. */
		final boolean returning;

		final SocketChannel channel;

		final int localPort;

		SelectionKey key;

		byte[] carry = new byte[0];

		int carryLen;

		boolean subscribed;

		long events;

		long lastSeq = -1;

		long firstMeasuredNanos;

		long lastMeasuredNanos;

		long measured;

		double latencySumMs;

		long outOfOrder;

		/** Events received after reading again (stalled clients). */
		long eventsAfterResume;

		boolean ended;

		int closeCode = -1;

		String closeReason = "";

		long closeSeenNanos;

		long resumedNanos;

		/** When the gateway's side of the TCP connection was seen to leave ESTABLISHED. */
		long gatewayClosedNanos;

		/** The gateway's send queue to this client, and when it last changed. */
		long txQueue;

		long txChangedNanos;

		/** When the gateway's send queue to it stopped growing: its socket buffers were full. */
		long blockedNanos;

		/** When the last pause of its send queue (longer than the settle time) began. */
		long lastPlateauNanos;

		Client(int index, boolean stalled, boolean returning, SocketChannel channel, int localPort) {
			this.index = index;
			this.stalled = stalled;
			this.returning = returning;
			this.channel = channel;
			this.localPort = localPort;
		}
	}

	static final class Run {

		private final Config config;

		private final long base = System.currentTimeMillis() * 1000;

		private final List<Client> clients = new ArrayList<>();

		private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

		/** Latency histogram of the measured deliveries to healthy clients, in 0.1 ms buckets. */
		private final long[] latency = new long[2_000_000];

		private final AtomicLong currentSeq = new AtomicLong();

		private final AtomicLong currentTs = new AtomicLong();

		private volatile boolean running = true;

		private volatile long measureFromSeq = Long.MAX_VALUE;

		private volatile long stopNanos;

		private Selector selector;

		private Nats nats;

		private long peakRssKb;

		/** CPU over the flood, in % of one core: the gateway, this tool, everything else on the host. */
		private String cpuWindow = "{}";

		/** Clock ticks: the host's busy and total time, the gateway's and this process's CPU time. */
		private long[] cpu() {
			long[] r = new long[4];
			try {
				String[] p = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
				long total = 0;
				for (int i = 1; i < p.length; i++) {
					total += Long.parseLong(p[i]);
				}
				long idle = Long.parseLong(p[4]) + Long.parseLong(p[5]);
				r[0] = total - idle;
				r[1] = total;
				r[2] = (config.pid() > 0) ? processTicks("/proc/" + config.pid() + "/stat") : 0;
				r[3] = processTicks("/proc/self/stat");
			}
			catch (IOException | RuntimeException ex) {
				// no /proc
			}
			return r;
		}

		private static long processTicks(String file) throws IOException {
			String stat = Files.readString(Path.of(file));
			String[] p = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(p[11]) + Long.parseLong(p[12]);
		}

		private static String cpuShares(long[] a, long[] b) {
			int cores = Runtime.getRuntime().availableProcessors();
			double total = Math.max(1, b[1] - a[1]);
			double busy = (b[0] - a[0]) / total * 100 * cores;
			double gw = (b[2] - a[2]) / total * 100 * cores;
			double tool = (b[3] - a[3]) / total * 100 * cores;
			return String.format(Locale.ROOT, "{\"host_busy\":%.0f,\"gateway\":%.0f,\"tool\":%.0f,\"other\":%.0f}", busy, gw,
					tool, Math.max(0, busy - gw - tool));
		}

		Run(Config config) {
			this.config = config;
		}

		int execute() throws Exception {
			nats = new Nats(config.nats(), this::serve);
			currentSeq.set(base);
			currentTs.set(System.nanoTime());
			selector = Selector.open();
			long rssBefore = status("VmRSS");
			for (int i = 0; i < config.healthy() + config.stalled(); i++) {
				boolean stalled = i >= config.healthy();
				clients.add(connect(i, stalled, stalled && (i - config.healthy()) % 2 == 0));
			}
			Thread reader = new Thread(this::readLoop, "readers");
			reader.start();
			long deadline = System.nanoTime() + config.timeoutMs() * 1_000_000;
			log("%d clients connected; waiting for their subscriptions", clients.size());
			if (!await(() -> clients.stream().allMatch(c -> c.subscribed), deadline)) {
				return fail("not every client got its subscribe response");
			}

			// warm-up: every client reads these
			long warmLast = publish(config.warmup());
			if (!await(() -> clients.stream().allMatch(c -> c.lastSeq == warmLast), deadline)) {
				return fail("not every client got the warm-up events");
			}

			// the stalled clients stop reading, then the flood
			runOnSelector(() -> clients.stream().filter(c -> c.stalled).forEach(c -> c.key.interestOps(0)));
			Thread.sleep(100);
			measureFromSeq = warmLast + 1;
			long[] cpuBefore = cpu();
			stopNanos = System.nanoTime();
			Thread sampler = new Thread(this::sample, "sampler");
			sampler.setDaemon(true);
			sampler.start();
			log("stalled clients stopped reading; flood of %d events", config.events());
			long last = publish(config.events());
			long publishedNanos = System.nanoTime();
			scheduleStalled();

			boolean healthyDone = await(() -> clients.stream().filter(c -> !c.stalled).allMatch(c -> c.lastSeq == last || c.ended), deadline);
			long healthyDoneNanos = System.nanoTime();
			cpuWindow = cpuShares(cpuBefore, cpu());
			boolean stalledDone = await(() -> clients.stream().filter(c -> c.stalled).allMatch(c -> c.ended),
					Math.min(deadline, healthyDoneNanos + (config.resumeAfterMs() + 5000) * 1_000_000));
			running = false;
			selector.wakeup();
			reader.join(5000);
			nats.close();
			report(last, publishedNanos, healthyDone, healthyDoneNanos, stalledDone, rssBefore);
			return healthyDone && stalledDone ? 0 : 1;
		}

		private int fail(String why) {
			log("FAILED: %s", why);
			running = false;
			return 1;
		}

		/** Answers the gateway's access and get requests as the service. */
		private void serve(String subject, String replyTo) {
			if (replyTo == null) {
				return;
			}
			String body;
			if (subject.startsWith("access.")) {
				body = "{\"result\":{\"get\":true,\"call\":\"*\"}}";
			}
			else if (subject.equals("get.bench.model")) {
				body = "{\"result\":{\"model\":{\"seq\":" + currentSeq.get() + ",\"ts\":" + currentTs.get() + "}}}";
			}
			else {
				body = "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}";
			}
			nats.publish(replyTo, body.getBytes(StandardCharsets.UTF_8), true);
		}

		/** Publishes events at full speed; returns the last seq. */
		private long publish(int count) {
			long seq = currentSeq.get();
			for (int i = 0; i < count; i++) {
				seq++;
				long ts = System.nanoTime();
				currentSeq.set(seq);
				currentTs.set(ts);
				nats.publish(EVENT_SUBJECT, ("{\"values\":{\"seq\":" + seq + ",\"ts\":" + ts + "}}")
						.getBytes(StandardCharsets.US_ASCII), false);
			}
			nats.flush();
			return seq;
		}

		private Client connect(int index, boolean stalled, boolean returning) throws IOException {
			SocketChannel ch = SocketChannel.open();
			ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
			if (stalled && config.stalledRcvbuf() > 0) {
				ch.setOption(StandardSocketOptions.SO_RCVBUF, config.stalledRcvbuf());
			}
			int port = config.ws().getPort();
			ch.connect(new InetSocketAddress(config.ws().getHost(), port));
			String path = (config.ws().getRawPath() == null || config.ws().getRawPath().isEmpty()) ? "/"
					: config.ws().getRawPath();
			byte[] key = new byte[16];
			ThreadLocalRandom.current().nextBytes(key);
			String req = "GET " + path + " HTTP/1.1\r\nHost: " + config.ws().getHost() + ":" + port
					+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
					+ java.util.Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
			writeFully(ch, ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
			StringBuilder head = new StringBuilder();
			ByteBuffer one = ByteBuffer.allocate(1);
			while (!head.toString().endsWith("\r\n\r\n")) {
				one.clear();
				if (ch.read(one) < 0) {
					throw new IOException("connection closed during the handshake");
				}
				head.append((char) one.get(0));
			}
			if (!head.toString().startsWith("HTTP/1.1 101")) {
				throw new IOException("handshake refused: " + head.toString().lines().findFirst().orElse(""));
			}
			writeFully(ch, ByteBuffer.wrap(maskedText("{\"id\":1,\"method\":\"version\",\"params\":{\"protocol\":\"1.2.3\"}}")));
			writeFully(ch, ByteBuffer.wrap(maskedText("{\"id\":2,\"method\":\"subscribe.bench.model\"}")));
			ch.configureBlocking(false);
			Client c = new Client(index, stalled, returning, ch, ((InetSocketAddress) ch.getLocalAddress()).getPort());
			runOnSelector(() -> {
				try {
					c.key = ch.register(selector, SelectionKey.OP_READ, c);
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			});
			return c;
		}

		private static void writeFully(SocketChannel ch, ByteBuffer b) throws IOException {
			while (b.hasRemaining()) {
				ch.write(b);
			}
		}

		private static byte[] maskedText(String text) {
			return masked(0x1, text.getBytes(StandardCharsets.UTF_8));
		}

		private static byte[] masked(int opcode, byte[] payload) {
			int n = payload.length;
			int header = (n < 126) ? 2 : 4;
			byte[] f = new byte[header + 4 + n];
			f[0] = (byte) (0x80 | opcode);
			if (n < 126) {
				f[1] = (byte) (0x80 | n);
			}
			else {
				f[1] = (byte) (0x80 | 126);
				f[2] = (byte) (n >> 8);
				f[3] = (byte) n;
			}
			byte[] mask = new byte[4];
			ThreadLocalRandom.current().nextBytes(mask);
			System.arraycopy(mask, 0, f, header, 4);
			for (int i = 0; i < n; i++) {
				f[header + 4 + i] = (byte) (payload[i] ^ mask[i & 3]);
			}
			return f;
		}

		/** Runs a task on the selector thread (before it starts: at once). */
		private void runOnSelector(Runnable task) {
			if (Thread.currentThread().getName().equals("readers") || selector == null) {
				task.run();
				return;
			}
			tasks.add(task);
			selector.wakeup();
		}

		private void readLoop() {
			ByteBuffer buf = ByteBuffer.allocate(1 << 20);
			long pause = config.readPauseMs();
			while (running) {
				try {
					selector.select(100);
					Runnable t;
					while ((t = tasks.poll()) != null) {
						t.run();
					}
					for (SelectionKey k : selector.selectedKeys()) {
						if (k.isValid() && k.isReadable()) {
							read((Client) k.attachment(), buf);
						}
					}
					selector.selectedKeys().clear();
					if (pause > 0 && measureFromSeq != Long.MAX_VALUE) {
						Thread.sleep(pause);
					}
				}
				catch (IOException ex) {
					log("selector failed: %s", ex);
					return;
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private void read(Client c, ByteBuffer buf) {
			buf.clear();
			buf.put(c.carry, 0, c.carryLen);
			int n;
			try {
				n = c.channel.read(buf);
			}
			catch (IOException ex) {
				end(c, 1006, "read failed: " + ex.getMessage());
				return;
			}
			if (n < 0) {
				end(c, 1006, "end of stream without a close frame");
				return;
			}
			byte[] a = buf.array();
			int len = buf.position();
			long now = System.nanoTime();
			int p = 0;
			while (len - p >= 2) {
				int op = a[p] & 0x0f;
				int l = a[p + 1] & 0x7f;
				int h = 2;
				if (l == 126) {
					if (len - p < 4) {
						break;
					}
					l = ((a[p + 2] & 0xff) << 8) | (a[p + 3] & 0xff);
					h = 4;
				}
				else if (l == 127) {
					if (len - p < 10) {
						break;
					}
					long ll = 0;
					for (int i = 2; i < 10; i++) {
						ll = (ll << 8) | (a[p + i] & 0xff);
					}
					if (ll > buf.capacity() - 16) {
						end(c, 1009, "frame too large for this tool");
						return;
					}
					l = (int) ll;
					h = 10;
				}
				if (len - p < h + l) {
					break;
				}
				frame(c, op, a, p + h, l, now);
				if (c.ended) {
					return;
				}
				p += h + l;
			}
			int rest = len - p;
			if (c.carry.length < rest) {
				c.carry = new byte[Math.max(rest, 2 * c.carry.length)];
			}
			System.arraycopy(a, p, c.carry, 0, rest);
			c.carryLen = rest;
		}

		private void frame(Client c, int op, byte[] a, int off, int len, long now) {
			switch (op) {
				case 0x1 -> text(c, a, off, len, now);
				case 0x8 -> {
					int code = (len >= 2) ? ((a[off] & 0xff) << 8) | (a[off + 1] & 0xff) : 1005;
					String reason = (len > 2) ? new String(a, off + 2, len - 2, StandardCharsets.UTF_8) : "";
					try {
						writeFully(c.channel, ByteBuffer.wrap(masked(0x8, Arrays.copyOfRange(a, off, off + Math.min(len, 2)))));
					}
					catch (IOException ex) {
						// the gateway may have gone already
					}
					end(c, code, reason);
				}
				case 0x9 -> {
					try {
						writeFully(c.channel, ByteBuffer.wrap(masked(0xA, Arrays.copyOfRange(a, off, off + len))));
					}
					catch (IOException ex) {
						end(c, 1006, "pong failed: " + ex.getMessage());
					}
				}
				default -> {
					// pong, continuation: not sent by the gateways measured
				}
			}
		}

		private void text(Client c, byte[] a, int off, int len, long now) {
			if (!startsWith(a, off, len, EVENT_PREFIX)) {
				if (number(a, off, len, ID) == 2) {
					c.subscribed = true;
				}
				return;
			}
			long seq = number(a, off, len, SEQ);
			long ts = number(a, off, len, TS);
			if (seq < 0) {
				return;
			}
			c.events++;
			if (seq <= c.lastSeq) {
				c.outOfOrder++;
			}
			c.lastSeq = seq;
			if (c.resumedNanos != 0) {
				c.eventsAfterResume++;
			}
			if (seq >= measureFromSeq && !c.stalled) {
				if (c.measured == 0) {
					c.firstMeasuredNanos = now;
				}
				c.measured++;
				c.lastMeasuredNanos = now;
				if (ts > 0) {
					double ms = (now - ts) / 1e6;
					c.latencySumMs += ms;
					latency[(int) Math.min(latency.length - 1, Math.max(0, Math.round(ms * 10)))]++;
				}
			}
		}

		private static boolean startsWith(byte[] a, int off, int len, byte[] prefix) {
			if (len < prefix.length) {
				return false;
			}
			for (int i = 0; i < prefix.length; i++) {
				if (a[off + i] != prefix[i]) {
					return false;
				}
			}
			return true;
		}

		/** The non-negative integer after {@code key} in the payload, or -1. */
		private static long number(byte[] a, int off, int len, byte[] key) {
			int end = off + len - key.length;
			outer: for (int i = off; i <= end; i++) {
				for (int j = 0; j < key.length; j++) {
					if (a[i + j] != key[j]) {
						continue outer;
					}
				}
				long v = 0;
				int k = i + key.length;
				int limit = off + len;
				if (k >= limit || a[k] < '0' || a[k] > '9') {
					return -1;
				}
				while (k < limit && a[k] >= '0' && a[k] <= '9') {
					v = v * 10 + (a[k++] - '0');
				}
				return v;
			}
			return -1;
		}

		private void end(Client c, int code, String reason) {
			if (c.ended) {
				return;
			}
			c.ended = true;
			c.closeCode = code;
			c.closeReason = reason;
			c.closeSeenNanos = System.nanoTime();
			if (c.key != null) {
				c.key.cancel();
			}
			try {
				c.channel.close();
			}
			catch (IOException ex) {
				// closed
			}
		}

		/**
		 * Watches the gateway's side of each stalled client's TCP connection in {@code /proc/net/tcp}: its
		 * send queue grows while the socket buffers take the events, and stops growing once they are
		 * full (the gateway's write then waits: "blocked"). A returning client reads again {@code resume}
		 * after it was blocked; a gone one once the gateway's socket has left ESTABLISHED.
		 */
		private void scheduleStalled() {
			Thread t = new Thread(() -> {
				List<Client> watched = new ArrayList<>(clients.stream().filter(c -> c.stalled).toList());
				long settle = 500_000_000L;
				while (running && !watched.isEmpty()) {
					long now = System.nanoTime();
					Map<Integer, long[]> states = gatewaySideStates();
					for (var it = watched.iterator(); it.hasNext();) {
						Client c = it.next();
						long[] st = states.get(c.localPort);
						boolean established = st != null && st[0] == 1;
						boolean plateau = c.txQueue > 0 && now - c.txChangedNanos > settle;
						if (established && st[1] != c.txQueue) {
							if (plateau) {
								// a pause of the gateway (a busy machine), or the buffers were full and it makes
								// room for the close frame: the next check tells which
								c.lastPlateauNanos = c.txChangedNanos;
							}
							c.txQueue = st[1];
							c.txChangedNanos = now;
							plateau = false;
						}
						if (!established) {
							c.gatewayClosedNanos = now;
						}
						boolean resume = c.returning
								? established && plateau && now - c.txChangedNanos >= config.resumeAfterMs() * 1_000_000
										|| !established
								: !established;
						if (resume) {
							c.blockedNanos = plateau ? c.txChangedNanos : c.lastPlateauNanos;
							it.remove();
							runOnSelector(() -> {
								if (!c.ended) {
									c.resumedNanos = System.nanoTime();
									c.key.interestOps(SelectionKey.OP_READ);
								}
							});
						}
					}
					try {
						Thread.sleep(100);
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "stalled");
			t.setDaemon(true);
			t.start();
		}

		/** For the gateway's side of each connection, by the client's port: its TCP state (1 = ESTABLISHED) and send queue. */
		private Map<Integer, long[]> gatewaySideStates() {
			Map<Integer, long[]> states = new HashMap<>();
			int gw = config.ws().getPort();
			String gwPort = String.format(Locale.ROOT, ":%04X ", gw);
			for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
				try {
					for (String line : Files.readAllLines(Path.of(f))) {
						if (!line.contains(gwPort)) {
							continue;
						}
						String[] p = line.trim().split("\\s+");
						if (p.length < 5 || !p[1].contains(":")) {
							continue;
						}
						int local = Integer.parseInt(p[1].substring(p[1].lastIndexOf(':') + 1), 16);
						if (local == gw && p[2].contains(":")) {
							int remote = Integer.parseInt(p[2].substring(p[2].lastIndexOf(':') + 1), 16);
							long tx = Long.parseLong(p[4].substring(0, p[4].indexOf(':')), 16);
							states.put(remote, new long[] { Integer.parseInt(p[3], 16), tx });
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					// no such table
				}
			}
			return states;
		}

		/** Samples the gateway's RSS while the run lasts. */
		private void sample() {
			while (running && config.pid() > 0) {
				peakRssKb = Math.max(peakRssKb, status("VmRSS"));
				try {
					Thread.sleep(100);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private long status(String field) {
			if (config.pid() <= 0) {
				return -1;
			}
			try {
				for (String line : Files.readAllLines(Path.of("/proc/" + config.pid() + "/status"))) {
					if (line.startsWith(field + ":")) {
						return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				// the gateway has gone
			}
			return -1;
		}

		private boolean await(java.util.function.BooleanSupplier condition, long deadlineNanos) throws InterruptedException {
			while (!condition.getAsBoolean()) {
				if (System.nanoTime() > deadlineNanos) {
					return false;
				}
				Thread.sleep(10);
			}
			return true;
		}

		private void report(long last, long publishedNanos, boolean healthyDone, long healthyDoneNanos,
				boolean stalledDone, long rssBefore) {
			List<Client> healthy = clients.stream().filter(c -> !c.stalled).toList();
			List<Client> stalled = clients.stream().filter(c -> c.stalled).toList();
			long healthyClosed = healthy.stream().filter(c -> c.ended).count();
			long onLast = healthy.stream().filter(c -> c.lastSeq == last).count();
			long lastDelivery = healthy.stream().mapToLong(c -> c.lastMeasuredNanos).max().orElse(stopNanos);
			long delivered = healthy.stream().mapToLong(c -> c.measured).sum();
			long outOfOrder = healthy.stream().mapToLong(c -> c.outOfOrder).sum();
			double windowS = (lastDelivery - stopNanos) / 1e9;
			StringBuilder j = new StringBuilder("{");
			kv(j, "label", "\"" + config.label() + "\"");
			kv(j, "healthy", config.healthy());
			kv(j, "stalled", config.stalled());
			kv(j, "events", config.events());
			kv(j, "deadline_ms", config.deadlineMs());
			kv(j, "read_interval_ms", config.readPauseMs());
			kv(j, "publish_s", fmt((publishedNanos - stopNanos) / 1e9));
			kv(j, "healthy_done", healthyDone);
			kv(j, "healthy_closed", healthyClosed);
			kv(j, "healthy_on_last_event", onLast);
			kv(j, "healthy_delivered", delivered);
			kv(j, "healthy_conflated", (long) config.events() * healthy.size() - delivered);
			kv(j, "healthy_out_of_order", outOfOrder);
			kv(j, "healthy_all_done_s", fmt((lastDelivery - stopNanos) / 1e9));
			kv(j, "healthy_deliveries_per_s", Math.round(delivered / Math.max(windowS, 1e-9)));
			kv(j, "latency_ms", percentiles());
			kv(j, "per_client_mean_latency_ms", spread(healthy, c -> c.measured == 0 ? 0 : c.latencySumMs / c.measured));
			kv(j, "per_client_events_per_s", spread(healthy, c -> c.measured < 2 ? 0
					: c.measured / ((c.lastMeasuredNanos - stopNanos) / 1e9)));
			kv(j, "per_client_events", spread(healthy, c -> c.measured));
			List<String> st = new ArrayList<>();
			for (Client c : stalled) {
				st.add(String.format(Locale.ROOT,
						"{\"kind\":\"%s\",\"close_code\":%d,\"close_reason\":\"%s\",\"blocked_s\":%s,"
								+ "\"gateway_socket_closed_s\":%s,\"resumed_s\":%s,\"close_seen_s\":%s,\"events_after_resume\":%d}",
						c.returning ? "returning" : "gone", c.closeCode, c.closeReason.replace("\"", "'"), seconds(c.blockedNanos),
						seconds(c.gatewayClosedNanos), seconds(c.resumedNanos), seconds(c.closeSeenNanos), c.eventsAfterResume));
			}
			kv(j, "stalled_done", stalledDone);
			kv(j, "stalled_clients", "[" + String.join(",", st) + "]");
			kv(j, "cpu_pct_of_a_core", cpuWindow);
			kv(j, "gateway_rss_before_kb", rssBefore);
			kv(j, "gateway_rss_peak_sampled_kb", peakRssKb);
			kv(j, "gateway_vmhwm_kb", status("VmHWM"));
			j.setLength(j.length() - 1);
			j.append('}');
			System.out.println(j);

			log("healthy: %d clients, %d closed, %d end on the last event, %d of %d events delivered (%d conflated), "
					+ "all done %.2f s after the flood began", healthy.size(), healthyClosed, onLast, delivered,
					(long) config.events() * healthy.size(), (long) config.events() * healthy.size() - delivered,
					(lastDelivery - stopNanos) / 1e9);
			log("  latency %s; per client mean latency %s; per client events/s %s", percentiles(),
					spread(healthy, c -> c.measured == 0 ? 0 : c.latencySumMs / c.measured),
					spread(healthy, c -> c.measured < 2 ? 0 : c.measured / ((c.lastMeasuredNanos - stopNanos) / 1e9)));
			for (boolean returning : new boolean[] { true, false }) {
				List<Client> group = stalled.stream().filter(c -> c.returning == returning).toList();
				if (group.isEmpty()) {
					continue;
				}
				Map<String, Long> outcomes = new java.util.TreeMap<>();
				group.forEach(c -> outcomes.merge(c.closeCode + " " + c.closeReason, 1L, Long::sum));
				log("stalled (%s): %d clients; how they ended: %s", returning
						? "reads again " + config.resumeAfterMs() + " ms after its socket buffers were full"
						: "reads again only once the gateway closed its socket", group.size(), outcomes);
				log("  socket buffers full (the gateway's send queue stopped growing) after %s s; never full: %d",
						spread(group.stream().filter(c -> c.blockedNanos != 0).toList(), c -> (c.blockedNanos - stopNanos) / 1e9),
						group.stream().filter(c -> c.blockedNanos == 0).count());
				if (!returning) {
					log("  gateway closed the socket %s s after the buffers were full",
							spread(group.stream().filter(c -> c.blockedNanos != 0 && c.gatewayClosedNanos != 0).toList(),
									c -> (c.gatewayClosedNanos - c.blockedNanos) / 1e9));
				}
				else {
					log("  events read after reading again: %s", spread(group, c -> c.eventsAfterResume));
				}
			}
			log("CPU during the flood, %% of one core (%d cores): %s", Runtime.getRuntime().availableProcessors(), cpuWindow);
			log("gateway RSS: before %d KB, peak sampled %d KB, VmHWM %d KB", rssBefore, peakRssKb, status("VmHWM"));
		}

		private String seconds(long nanos) {
			return (nanos == 0) ? "null" : fmt((nanos - stopNanos) / 1e9);
		}

		private String percentiles() {
			long total = Arrays.stream(latency).sum();
			if (total == 0) {
				return "{}";
			}
			double[] qs = { 0.5, 0.9, 0.99, 0.999, 1.0 };
			String[] names = { "p50", "p90", "p99", "p999", "max" };
			StringBuilder b = new StringBuilder("{");
			long seen = 0;
			int q = 0;
			for (int i = 0; i < latency.length && q < qs.length; i++) {
				seen += latency[i];
				while (q < qs.length && seen >= Math.ceil(qs[q] * total) && seen > 0) {
					b.append('"').append(names[q]).append("\":").append(fmt(i / 10.0)).append(',');
					q++;
				}
			}
			b.setLength(b.length() - 1);
			return b.append('}').toString();
		}

		private static String spread(List<Client> cs, ToDoubleFunction<Client> f) {
			double[] v = cs.stream().mapToDouble(f).sorted().toArray();
			if (v.length == 0) {
				return "{}";
			}
			return String.format(Locale.ROOT, "{\"min\":%s,\"median\":%s,\"max\":%s}", fmt(v[0]), fmt(v[v.length / 2]),
					fmt(v[v.length - 1]));
		}

		private static String fmt(double d) {
			return String.format(Locale.ROOT, "%.2f", d);
		}

		private static void kv(StringBuilder j, String k, Object v) {
			j.append('"').append(k).append("\":").append(v).append(',');
		}
	}

	private static void log(String format, Object... args) {
		System.err.println(String.format(Locale.ROOT, format, args));
	}

	/**
	 * A minimal NATS client (core protocol): publishes, and hands the messages of its two service
	 * subscriptions to a callback on its reader thread.
	 */
	static final class Nats implements AutoCloseable {

		private final Socket socket;

		private final OutputStream out;

		private final Thread reader;

		private final java.util.function.BiConsumer<String, String> handler;

		Nats(URI url, java.util.function.BiConsumer<String, String> handler) throws IOException {
			this.handler = handler;
			this.socket = new Socket(url.getHost(), url.getPort() > 0 ? url.getPort() : 4222);
			socket.setTcpNoDelay(true);
			this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
			InputStream in = socket.getInputStream();
			String info = line(in);
			if (!info.startsWith("INFO")) {
				throw new IOException("not a NATS server: " + info);
			}
			synchronized (out) {
				out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"stalled-readers-bench\"}\r\n"
						+ "SUB access.bench.> 1\r\nSUB get.bench.> 2\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
				out.flush();
			}
			String pong;
			while (!(pong = line(in)).equals("PONG")) {
				if (pong.startsWith("-ERR")) {
					throw new IOException("NATS: " + pong);
				}
			}
			this.reader = new Thread(() -> read(in), "nats");
			reader.setDaemon(true);
			reader.start();
		}

		private void read(InputStream in) {
			try {
				while (true) {
					String l = line(in);
					if (l.startsWith("MSG ")) {
						String[] p = l.split(" ");
						int size = Integer.parseInt(p[p.length - 1]);
						in.readNBytes(size + 2);
						handler.accept(p[1], p.length == 5 ? p[3] : null);
					}
					else if (l.equals("PING")) {
						synchronized (out) {
							out.write("PONG\r\n".getBytes(StandardCharsets.US_ASCII));
							out.flush();
						}
					}
					else if (l.startsWith("-ERR")) {
						log("NATS: %s", l);
					}
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder b = new StringBuilder();
			int ch;
			while ((ch = in.read()) != '\n') {
				if (ch < 0) {
					throw new IOException("NATS connection closed");
				}
				if (ch != '\r') {
					b.append((char) ch);
				}
			}
			return b.toString();
		}

		void publish(String subject, byte[] payload, boolean flush) {
			synchronized (out) {
				try {
					out.write(("PUB " + subject + " " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
					out.write(payload);
					out.write('\r');
					out.write('\n');
					if (flush) {
						out.flush();
					}
				}
				catch (IOException ex) {
					throw new IllegalStateException("NATS publish failed", ex);
				}
			}
		}

		void flush() {
			synchronized (out) {
				try {
					out.flush();
				}
				catch (IOException ex) {
					throw new IllegalStateException("NATS flush failed", ex);
				}
			}
		}

		@Override
		public void close() throws IOException {
			socket.close();
		}
	}
}
