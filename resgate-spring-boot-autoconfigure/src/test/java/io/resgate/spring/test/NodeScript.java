package io.resgate.spring.test;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Node script running as a child process, its output read line by line, so that a test can wait for
 * a line with a deadline instead of sleeping. Closing it ends the process.
 *
 * <p>Needs {@code node} ({@code $NODE} or on the PATH) and the npm packages installed in the script's
 * directory ({@code scripts/test.sh} installs them); without them the test fails with a message saying
 * what to install, it is never skipped.
 */
public final class NodeScript implements AutoCloseable {

	/**
	 * The Node scripts of this module ({@code example-services.mjs}, {@code example-client.mjs},
	 * {@code resclient-test.mjs}) and their {@code package.json}, relative to the module's directory.
	 */
	public static final Path AUTOCONFIGURE_NODE_DIR = Path.of("src", "test", "node");

	private static final String END = "\u0000end-of-output";

	private final String name;

	private final Process process;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final List<String> output = new ArrayList<>();

	private final Thread reader;

	private NodeScript(String name, Process process) {
		this.name = name;
		this.process = process;
		this.reader = new Thread(this::readOutput, "node-" + name);
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Starts {@code node <script> <args>} in {@code dir}, after checking that node and the given npm
	 * packages are there.
	 * @param dir the directory of the script and its {@code node_modules}
	 * @param packages the npm packages the script needs
	 * @param script the script (or node options)
	 * @param args further arguments
	 * @return the running script
	 * @throws IOException if the process cannot be started
	 */
	public static NodeScript start(Path dir, List<String> packages, String script, String... args) throws IOException {
		requirePackages(dir, packages);
		List<String> command = new ArrayList<>(List.of(nodeExecutable(), script));
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
		return new NodeScript(script, process);
	}

	/**
	 * Fails (never skips) when an npm package of the Node tests is not installed in {@code dir}.
	 * @param dir the directory with the {@code package.json}
	 * @param packages the npm packages needed
	 */
	public static void requirePackages(Path dir, List<String> packages) {
		List<String> missing = packages.stream()
			.filter(p -> !Files.isRegularFile(dir.resolve("node_modules").resolve(p).resolve("package.json")))
			.toList();
		if (!missing.isEmpty()) {
			throw new AssertionError("npm packages " + missing + " of the Node tests are not installed in "
					+ dir.toAbsolutePath().normalize() + ": run npm ci there (scripts/test.sh does)");
		}
	}

	/**
	 * The node binary: {@code $NODE}, or node on the PATH. A missing node fails the test.
	 * @return the path of the node binary
	 */
	public static String nodeExecutable() {
		String env = System.getenv("NODE");
		if (env != null && !env.isBlank()) {
			return env;
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String dir : path.split(File.pathSeparator)) {
				File f = new File(dir, "node");
				if (f.canExecute()) {
					return f.getPath();
				}
			}
		}
		throw new AssertionError("node not found on the PATH: install Node.js (scripts/test.sh does) or set NODE");
	}

	/**
	 * Waits for the next output line matching {@code condition}, skipping the others.
	 * @param condition what the line must satisfy
	 * @param timeout how long to wait
	 * @return the line
	 * @throws InterruptedException if interrupted while waiting
	 * @throws AssertionError if the script ends or the deadline passes first, with the script's output
	 */
	public String awaitLine(Predicate<String> condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			String line = (left > 0) ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
			if (line == null) {
				throw new AssertionError(name + ": no expected line within " + timeout + "; output:\n" + output());
			}
			if (END.equals(line)) {
				lines.add(END);
				throw new AssertionError(name + " ended without the expected line; output:\n" + output());
			}
			if (condition.test(line)) {
				return line;
			}
		}
	}

	/**
	 * Waits for the process to end.
	 * @param timeout how long to wait
	 * @return the exit code; empty if it is still running at the deadline
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
		return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
				: Optional.empty();
	}

	/**
	 * All output read so far (standard output and error).
	 * @return the lines read, joined
	 */
	public String output() {
		synchronized (output) {
			return String.join("\n", output);
		}
	}

	private void readOutput() {
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				synchronized (output) {
					output.add(line);
				}
				lines.add(line);
			}
		}
		catch (IOException ex) {
			synchronized (output) {
				output.add("(output unreadable: " + ex + ")");
			}
		}
		finally {
			lines.add(END);
		}
	}

	/** Ends the process (SIGTERM, then forcibly) and waits for it. */
	@Override
	public void close() throws InterruptedException {
		if (process.isAlive()) {
			process.destroy();
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		reader.join(5000);
	}
}
