package io.resgate.spring.test;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real {@code nats-server} process on a free loopback port for the tests of a class, and
 * stops it afterwards. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static NatsServerExtension nats = new NatsServerExtension();
 * </pre>
 *
 * The server binary is taken from the {@code NATS_SERVER} environment variable, the PATH, or
 * {@code /usr/sbin/nats-server}. A missing binary fails the tests: it is never skipped.
 */
public final class NatsServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private final List<String> extraArgs;

	private Process process;

	private int port;

	/** A server with default settings. */
	public NatsServerExtension() {
		this(List.of());
	}

	/**
	 * A server with extra command line arguments.
	 * @param extraArgs arguments passed to nats-server
	 */
	public NatsServerExtension(List<String> extraArgs) {
		this.extraArgs = List.copyOf(extraArgs);
	}

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		if (process == null) {
			port = freePort();
			start();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		stop();
	}

	/** @return the URL to connect to, such as {@code nats://127.0.0.1:4222} */
	public String url() {
		return "nats://127.0.0.1:" + port;
	}

	/** @return the server's port */
	public int port() {
		return port;
	}

	/** @return whether the server process is running */
	public boolean isRunning() {
		return process != null && process.isAlive();
	}

	/**
	 * Starts the server (again) on its port, and waits until it accepts connections.
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized void start() throws IOException, InterruptedException {
		if (isRunning()) {
			return;
		}
		if (port == 0) {
			port = freePort();
		}
		List<String> cmd = new ArrayList<>();
		cmd.add(executable());
		cmd.addAll(List.of("-a", "127.0.0.1", "-p", Integer.toString(port)));
		cmd.addAll(extraArgs);
		Path log = Files.createTempFile("nats-server-" + port + "-", ".log");
		process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IOException("nats-server exited with " + process.exitValue() + ": "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			if (acceptsConnections()) {
				return;
			}
			process.waitFor(50, TimeUnit.MILLISECONDS);
		}
		stop();
		throw new IOException("nats-server did not start within " + STARTUP_TIMEOUT);
	}

	/**
	 * Stops the server and waits for the process to end.
	 */
	public synchronized void stop() {
		if (process == null) {
			return;
		}
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		process = null;
	}

	private boolean acceptsConnections() {
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

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			s.setReuseAddress(true);
			return s.getLocalPort();
		}
	}
}
