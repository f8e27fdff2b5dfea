package io.resgate.spring.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real {@code nats-server} processes on free loopback ports for the tests of a class, and
 * stops them afterwards: one server, or a cluster of servers joined by routes. Register it on a
 * static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static NatsServerExtension nats = new NatsServerExtension();
 *
 * &#64;RegisterExtension
 * static NatsServerExtension cluster = NatsServerExtension.cluster(3);
 * </pre>
 *
 * A cluster's nodes can be killed ({@link Node#kill()}: no goodbye to clients, as a crash),
 * stopped and started again on the same ports; {@link #start()} waits until every running node
 * has its routes to the other running nodes.
 *
 * <p>The server binary is taken from the {@code NATS_SERVER} environment variable, the PATH, or
 * {@code /usr/sbin/nats-server}. A missing binary fails the tests: it is never skipped.
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final Pattern NUM_ROUTES = Pattern.compile("\"num_routes\"\\s*:\\s*(\\d+)");

	private final List<String> extraArgs;

	private final int size;

	private final List<Node> nodes = new ArrayList<>();

	/** A server with default settings. */
	public NatsServerExtension() {
		this(List.of());
	}

	/**
	 * A server with extra command line arguments.
	 * @param extraArgs arguments passed to nats-server
	 */
	public NatsServerExtension(List<String> extraArgs) {
		this(1, extraArgs);
	}

	private NatsServerExtension(int size, List<String> extraArgs) {
		this.size = size;
		this.extraArgs = List.copyOf(extraArgs);
	}

	/**
	 * A cluster of servers, each with a route to every other.
	 * @param size the number of servers, at least 2
	 * @return the extension
	 */
	public static NatsServerExtension cluster(int size) {
		if (size < 2) {
			throw new IllegalArgumentException("A cluster has at least 2 servers");
		}
		return new NatsServerExtension(size, List.of());
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** @return the URL of the first server, such as {@code nats://127.0.0.1:4222} */
	public String url() {
		return node(0).url();
	}

	/** @return the URLs of all servers, comma-separated, as {@code resgate.nats.url} takes them */
	public String urls() {
		return nodes().stream().map(Node::url).collect(Collectors.joining(","));
	}

	/** @return the first server's port */
	public int port() {
		return node(0).port();
	}

	/** @return whether every server process is running */
	public boolean isRunning() {
		return !nodes.isEmpty() && nodes.stream().allMatch(Node::isRunning);
	}

	/**
	 * @param index the index, from 0
	 * @return the server
	 */
	public synchronized Node node(int index) {
		ensureNodes();
		return nodes.get(index);
	}

	/** @return the servers */
	public synchronized List<Node> nodes() {
		ensureNodes();
		return List.copyOf(nodes);
	}

	/**
	 * The server a client is connected to.
	 * @param connectedUrl the URL the client reports, such as jnats' {@code getConnectedUrl()}
	 * @return the server with that port
	 * @throws IllegalArgumentException if none has
	 */
	public Node nodeOf(String connectedUrl) {
		int port = URI.create(connectedUrl).getPort();
		return nodes().stream().filter(n -> n.port == port).findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No server at " + connectedUrl));
	}

	/**
	 * Starts every server that is not running, and waits until they accept connections and, in a
	 * cluster, have their routes.
	 * @throws IOException if one cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized void start() throws IOException, InterruptedException {
		ensureNodes();
		for (Node n : nodes) {
			n.launch();
		}
		for (Node n : nodes) {
			n.awaitReady();
		}
	}

	/** Stops every server (gracefully) and waits for the processes to end. */
	public synchronized void stop() {
		for (Node n : nodes) {
			n.destroy(false);
		}
	}

	private void ensureNodes() {
		if (!nodes.isEmpty()) {
			return;
		}
		try {
			int[] ports = freePorts((size > 1) ? 3 * size : size);
			for (int i = 0; i < size; i++) {
				nodes.add((size > 1) ? new Node(i, ports[3 * i], ports[3 * i + 1], ports[3 * i + 2])
						: new Node(i, ports[i], 0, 0));
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

	private synchronized int runningCount() {
		return (int) nodes.stream().filter(Node::isRunning).count();
	}

	/** One nats-server process of the extension. */
	public final class Node {

		private final int index;

		private final int port;

		private final int clusterPort;

		private final int monitorPort;

		private Process process;

		private Path log;

		private Node(int index, int port, int clusterPort, int monitorPort) {
			this.index = index;
			this.port = port;
			this.clusterPort = clusterPort;
			this.monitorPort = monitorPort;
		}

		/** @return the client URL, such as {@code nats://127.0.0.1:4222} */
		public String url() {
			return "nats://127.0.0.1:" + port;
		}

		/** @return the client port */
		public int port() {
			return port;
		}

		/** @return whether the process is running */
		public synchronized boolean isRunning() {
			return process != null && process.isAlive();
		}

		/**
		 * Kills the process (SIGKILL): its clients see their TCP connections end with no goodbye,
		 * as when a machine or container dies. Returns once the process is gone.
		 */
		public void kill() {
			destroy(true);
		}

		/** Stops the process gracefully and waits for it to end. */
		public void stop() {
			resume();
			destroy(false);
		}

		/**
		 * Freezes the process (SIGSTOP): its TCP connections stay open but nothing is read or
		 * answered, as with a hung server or a network black hole. Undone by {@link #resume()}.
		 */
		public void pause() {
			signal("STOP");
		}

		/** Lets a paused process run again (SIGCONT); does nothing if it is not paused. */
		public void resume() {
			signal("CONT");
		}

		private void signal(String name) {
			Process p;
			synchronized (this) {
				p = process;
			}
			if (p == null || !p.isAlive()) {
				return;
			}
			try {
				Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start();
				if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
					throw new IllegalStateException("kill -" + name + " " + p.pid() + " failed");
				}
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted", ex);
			}
		}

		/**
		 * Starts the process again on the same ports and waits until it accepts connections and, in
		 * a cluster, has its routes to the other running servers.
		 * @throws IOException if it cannot be started
		 * @throws InterruptedException if interrupted while waiting
		 */
		public void start() throws IOException, InterruptedException {
			launch();
			awaitReady();
		}

		private synchronized void launch() throws IOException {
			if (isRunning()) {
				return;
			}
			List<String> cmd = new ArrayList<>();
			cmd.add(executable());
			cmd.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
			if (clusterPort != 0) {
				cmd.addAll(List.of("-n", "node-" + index, "-m", Integer.toString(monitorPort), "--cluster_name",
						"resgate-test", "--cluster", "nats://127.0.0.1:" + clusterPort, "--routes", routeUrls()));
			}
			cmd.addAll(extraArgs);
			log = Files.createTempFile("nats-server-" + port + "-", ".log");
			process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		}

		private String routeUrls() {
			return nodes.stream().filter(n -> n != this).map(n -> "nats://127.0.0.1:" + n.clusterPort)
				.collect(Collectors.joining(","));
		}

		private void awaitReady() throws IOException, InterruptedException {
			long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
			Process p;
			synchronized (this) {
				p = process;
			}
			while (System.nanoTime() < deadline) {
				if (p == null || !p.isAlive()) {
					throw new IOException("nats-server exited" + ((p != null) ? " with " + p.exitValue() : "") + ": "
							+ Files.readString(log, StandardCharsets.UTF_8));
				}
				if (acceptsConnections(port) && (clusterPort == 0 || routeCount(monitorPort) >= runningCount() - 1)) {
					return;
				}
				p.waitFor(50, TimeUnit.MILLISECONDS);
			}
			destroy(true);
			throw new IOException("nats-server did not start within " + STARTUP_TIMEOUT);
		}

		private void destroy(boolean forcibly) {
			Process p;
			synchronized (this) {
				p = process;
				process = null;
			}
			if (p == null) {
				return;
			}
			if (forcibly) {
				p.destroyForcibly();
			}
			else {
				p.destroy();
			}
			try {
				if (!p.waitFor(10, TimeUnit.SECONDS)) {
					p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public String toString() {
			return "node-" + index + " " + url();
		}
	}

	private static int routeCount(int monitorPort) {
		try {
			HttpResponse<String> r = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitorPort + "/routez"))
					.timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
			Matcher m = NUM_ROUTES.matcher(r.body());
			return m.find() ? Integer.parseInt(m.group(1)) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static boolean acceptsConnections(int port) {
		try (Socket s = new Socket()) {
			s.connect(new InetSocketAddress("127.0.0.1", port), 200);
			s.setSoTimeout(1000);
			InputStream in = s.getInputStream();
			byte[] buf = new byte[4];
			int n = in.readNBytes(buf, 0, 4);
			return n == 4 && new String(buf, StandardCharsets.US_ASCII).equals("INFO");
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String executable() throws IOException {
		String env = System.getenv("NATS_SERVER");
		if (env != null && !env.isBlank()) {
			return env;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				File f = new File(dir, "nats-server");
				if (f.canExecute()) {
					return f.getPath();
				}
			}
		}
		File sbin = new File("/usr/sbin/nats-server");
		if (sbin.canExecute()) {
			return sbin.getPath();
		}
		throw new IOException("nats-server not found: install it (apt-get install nats-server) or set NATS_SERVER");
	}

	/**
	 * Finds distinct free loopback ports: all sockets are held open until every port is found, so the
	 * system cannot hand out one port twice (a cluster node once got the same port for routes and monitoring).
	 */
	private static int[] freePorts(int count) throws IOException {
		List<ServerSocket> sockets = new ArrayList<>();
		try {
			int[] ports = new int[count];
			for (int i = 0; i < count; i++) {
				ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
				sockets.add(s);
				ports[i] = s.getLocalPort();
			}
			return ports;
		}
		finally {
			for (ServerSocket s : sockets) {
				s.close();
			}
		}
	}
}
