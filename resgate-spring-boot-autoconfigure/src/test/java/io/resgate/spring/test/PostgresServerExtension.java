package io.resgate.spring.test;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a throwaway PostgreSQL server for the tests of a class: a new cluster ({@code initdb}) in a
 * temporary directory, listening on a free loopback port, with password-less access for the user
 * {@code postgres}. Stopped and deleted afterwards. Register it on a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static PostgresServerExtension postgres = new PostgresServerExtension();
 * </pre>
 *
 * The server can be stopped and started again on the same port ({@link #stop()}, {@link #start()}), as a
 * database that goes away and comes back; {@link #createDatabase(String)} makes a fresh database.
 *
 * <p>The binaries ({@code initdb}, {@code pg_ctl}, {@code psql}) are taken from the {@code PG_BIN} environment
 * variable, the PATH, or the newest {@code /usr/lib/postgresql/<version>/bin} (Debian's {@code postgresql}
 * package). PostgreSQL does not run as root: when the tests do, the server runs as the {@code postgres} user
 * (created by that package) through {@code runuser}. Missing binaries fail the tests: they are never skipped.
 */
public final class PostgresServerExtension implements BeforeAllCallback, AfterAllCallback {

	private static final long TIMEOUT_SECONDS = 60;

	private static final String SERVICE_USER = "postgres";

	private Path dir;

	private Path bin;

	private int port;

	private boolean running;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		destroy();
	}

	/** @return the port the server listens on, at 127.0.0.1 */
	public synchronized int port() {
		return port;
	}

	/** @return the JDBC URL of the {@code postgres} database */
	public String jdbcUrl() {
		return jdbcUrl("postgres");
	}

	/**
	 * @param database a database name
	 * @return its JDBC URL
	 */
	public synchronized String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	/** @return the user name to connect with (no password) */
	public String username() {
		return "postgres";
	}

	/** @return whether the server is running */
	public synchronized boolean isRunning() {
		return running;
	}

	/**
	 * Creates a database.
	 * @param name the database name (letters, digits and underscores)
	 * @throws IOException if it cannot be created
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized void createDatabase(String name) throws IOException, InterruptedException {
		if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
			throw new IllegalArgumentException("Invalid database name: " + name);
		}
		run(false, bin.resolve("psql").toString(), "-h", "127.0.0.1", "-p", Integer.toString(port), "-U",
				username(), "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", "CREATE DATABASE " + name);
	}

	/**
	 * Starts the server, creating the cluster the first time, and waits until it accepts connections.
	 * @throws IOException if it cannot be started
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized void start() throws IOException, InterruptedException {
		if (running) {
			return;
		}
		if (dir == null) {
			bin = binaries();
			port = freePort();
			dir = Files.createTempDirectory("postgres-test-");
			if (isRoot()) {
				UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
					.lookupPrincipalByName(SERVICE_USER);
				Files.setOwner(dir, owner);
			}
			run(true, bin.resolve("initdb").toString(), "-D", data(), "-U", username(), "--auth=trust", "-E", "UTF8",
					"--locale=C", "--no-sync");
		}
		run(true, bin.resolve("pg_ctl").toString(), "-D", data(), "-l", dir.resolve("server.log").toString(), "-w",
				"-t", Long.toString(TIMEOUT_SECONDS), "-o", "-p " + port + " -h 127.0.0.1 -k " + dir
						+ " -c fsync=off -c full_page_writes=off -c synchronous_commit=off",
				"start");
		running = true;
	}

	/**
	 * Stops the server (fast shutdown: open connections are ended) and waits until it is down.
	 * @throws IOException if it cannot be stopped
	 * @throws InterruptedException if interrupted while waiting
	 */
	public synchronized void stop() throws IOException, InterruptedException {
		if (!running) {
			return;
		}
		run(true, bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "fast", "-w", "-t",
				Long.toString(TIMEOUT_SECONDS), "stop");
		running = false;
	}

	private synchronized void destroy() throws IOException, InterruptedException {
		try {
			stop();
		}
		finally {
			if (dir != null) {
				try (Stream<Path> files = Files.walk(dir)) {
					files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
				}
				dir = null;
			}
		}
	}

	private String data() {
		return dir.resolve("data").toString();
	}

	private void run(boolean asServiceUser, String... command) throws IOException, InterruptedException {
		List<String> cmd = new ArrayList<>();
		if (asServiceUser && isRoot()) {
			cmd.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
		}
		cmd.addAll(List.of(command));
		Path out = Files.createTempFile("postgres-cmd-", ".log");
		try {
			Process p = new ProcessBuilder(cmd).directory(new File("/")).redirectErrorStream(true)
				.redirectOutput(out.toFile()).start();
			if (!p.waitFor(TIMEOUT_SECONDS + 10, TimeUnit.SECONDS)) {
				p.destroyForcibly();
				throw new IOException("Timed out: " + String.join(" ", cmd));
			}
			if (p.exitValue() != 0) {
				throw new IOException("Failed (exit " + p.exitValue() + "): " + String.join(" ", cmd) + "\n"
						+ Files.readString(out, StandardCharsets.UTF_8) + serverLog());
			}
		}
		finally {
			Files.deleteIfExists(out);
		}
	}

	private String serverLog() {
		try {
			Path log = (dir == null) ? null : dir.resolve("server.log");
			return (log != null && Files.exists(log)) ? "\nServer log:\n" + Files.readString(log) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static boolean isRoot() {
		try {
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

	private static Path binaries() throws IOException {
		String env = System.getenv("PG_BIN");
		if (env != null && !env.isBlank()) {
			return Path.of(env);
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String d : path.split(File.pathSeparator)) {
				Path ctl = Path.of(d, "pg_ctl");
				if (Files.isExecutable(ctl) && Files.isExecutable(Path.of(d, "initdb"))) {
					return ctl.toRealPath().getParent();
				}
			}
		}
		Path debian = Path.of("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				Path newest = versions.filter(v -> Files.isExecutable(v.resolve("bin/pg_ctl")))
					.max(Comparator.comparingInt(PostgresServerExtension::version))
					.orElse(null);
				if (newest != null) {
					return newest.resolve("bin");
				}
			}
		}
		throw new IOException("PostgreSQL not found: install it (apt-get install postgresql) or set PG_BIN to the "
				+ "directory of initdb and pg_ctl");
	}

	private static int version(Path dir) {
		try {
			return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			s.setReuseAddress(true);
			return s.getLocalPort();
		}
	}
}
