package io.resgate.spring.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The throwaway PostgreSQL server: reachable on its port, keeps its data when stopped and started again,
 * refuses connections while stopped, and makes fresh databases.
 */
class PostgresServerExtensionTests {

	@RegisterExtension
	static final PostgresServerExtension postgres = new PostgresServerExtension();

	@Test
	void keepsItsDataWhenStoppedAndStartedAgain() throws Exception {
		postgres.createDatabase("kept");
		try (Connection c = connect("kept"); Statement s = c.createStatement()) {
			s.execute("CREATE TABLE t (n INT)");
			s.execute("INSERT INTO t VALUES (42)");
		}
		postgres.stop();
		assertThat(postgres.isRunning()).isFalse();
		assertThatThrownBy(() -> connect("kept").close()).isInstanceOf(SQLException.class);
		postgres.start();
		try (Connection c = connect("kept"); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT n FROM t")) {
			assertThat(r.next()).isTrue();
			assertThat(r.getInt(1)).isEqualTo(42);
		}
	}

	private static Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), "");
	}
}
