package io.resgate.spring.service.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

import org.h2.tools.Server;

import io.resgate.spring.test.PostgresServerExtension;

/**
 * A database server the store tests run against, which can be stopped and started again.
 */
interface TestDatabase {

	String url();

	String username();

	void start() throws Exception;

	void stop() throws Exception;

	/** @return the Spring properties that connect an application to it */
	default String[] properties() {
		return new String[] { "--spring.datasource.url=" + url(), "--spring.datasource.username=" + username(),
				"--spring.datasource.password=" };
	}

	/** H2 as a TCP server on a free loopback port, with its files in a temporary directory. */
	final class H2 implements TestDatabase {

		private final Path dir;

		private final int port;

		private Server server;

		H2() throws IOException {
			this.dir = Files.createTempDirectory("h2-store-");
			try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
				this.port = s.getLocalPort();
			}
		}

		@Override
		public String url() {
			return "jdbc:h2:tcp://127.0.0.1:" + port + "/store";
		}

		@Override
		public String username() {
			return "sa";
		}

		@Override
		public String[] properties() {
			String[] base = TestDatabase.super.properties();
			String[] all = java.util.Arrays.copyOf(base, base.length + 1);
			all[base.length] = "--spring.datasource.hikari.exception-override-class-name="
					+ H2BrokenConnections.class.getName();
			return all;
		}

		@Override
		public synchronized void start() throws SQLException {
			if (server == null) {
				server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists", "-baseDir",
						dir.toString()).start();
			}
		}

		@Override
		public synchronized void stop() {
			if (server != null) {
				server.stop();
				server = null;
			}
		}

		void delete() throws IOException {
			stop();
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	/** A PostgreSQL server of the {@link PostgresServerExtension}. */
	final class Postgres implements TestDatabase {

		private final PostgresServerExtension server;

		Postgres(PostgresServerExtension server) {
			this.server = server;
		}

		@Override
		public String url() {
			return server.jdbcUrl();
		}

		@Override
		public String username() {
			return server.username();
		}

		@Override
		public void start() throws Exception {
			server.start();
		}

		@Override
		public void stop() throws Exception {
			server.stop();
		}
	}
}
