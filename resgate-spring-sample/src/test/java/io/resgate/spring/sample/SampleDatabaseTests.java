package io.resgate.spring.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.resgate.spring.test.PostgresServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's books in a database that outlives the app, set the Spring Boot way: an H2 file given with
 * {@code --spring.datasource.url} keeps a book added over the HTTP API across a restart, and the
 * {@code postgresql} profile runs the library on a real PostgreSQL server.
 */
class SampleDatabaseTests {

	@RegisterExtension
	static final PostgresServerExtension postgres = new PostgresServerExtension();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void aBookAddedOverHttpIsStillListedAfterARestartWithAnH2File() throws Exception {
		Path dir = Files.createTempDirectory("sample-library-");
		String url = "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("library");
		try {
			try (ConfigurableApplicationContext app = start(url)) {
				assertThat(titles(app)).containsExactly("Animal Farm", "Brave New World", "Coraline");
				HttpResponse<String> created = post(app, "/api/library/books/new", "{\"title\":\"Solaris\",\"author\":\"Stanislaw Lem\"}");
				assertThat(created.statusCode()).as(created.body()).isLessThan(300);
				assertThat(titles(app)).containsExactly("Animal Farm", "Brave New World", "Coraline", "Solaris");
			}
			try (ConfigurableApplicationContext app = start(url)) {
				assertThat(titles(app)).containsExactly("Animal Farm", "Brave New World", "Coraline", "Solaris");
				assertThat(get(app, "/api/library/book/4").get("author").asString()).isEqualTo("Stanislaw Lem");
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
			}
		}
	}

	@Test
	void thePostgresqlProfileKeepsTheBooksInPostgresql() throws Exception {
		postgres.createDatabase("library");
		String[] args = { "--spring.profiles.active=postgresql", "--LIBRARY_DB_HOST=127.0.0.1",
				"--LIBRARY_DB_PORT=" + postgres.port(), "--LIBRARY_DB_USER=" + postgres.username(),
				"--LIBRARY_DB_PASSWORD=" };
		try (ConfigurableApplicationContext app = start(args)) {
			assertThat(app.getEnvironment().getProperty("spring.datasource.url")).startsWith("jdbc:postgresql:");
			assertThat(titles(app)).containsExactly("Animal Farm", "Brave New World", "Coraline");
			assertThat(post(app, "/api/library/books/new", "{\"title\":\"Solaris\",\"author\":\"Stanislaw Lem\"}")
				.statusCode()).isLessThan(300);
			assertThat(post(app, "/api/library/book/2/set", "{\"author\":\"A. Huxley\"}").statusCode()).isLessThan(300);
			JsonNode search = get(app, "/api/library/search?q=LEM");
			assertThat(search).hasSize(1);
			assertThat(search.get(0).at("/model/title").asString()).isEqualTo("Solaris");
		}
		try (ConfigurableApplicationContext app = start(args)) {
			assertThat(titles(app)).containsExactly("Animal Farm", "Brave New World", "Coraline", "Solaris");
			assertThat(get(app, "/api/library/book/2").get("author").asString()).isEqualTo("A. Huxley");
		}
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = Stream.concat(Stream.of("--server.port=0"), Stream.of(args)).toArray(String[]::new);
		return new SpringApplicationBuilder(SampleApplication.class).web(WebApplicationType.SERVLET).run(all);
	}

	private java.util.List<String> titles(ConfigurableApplicationContext app) throws Exception {
		java.util.List<String> titles = new java.util.ArrayList<>();
		get(app, "/api/library/books").forEach(book -> titles.add(book.at("/model/title").asString()));
		return titles;
	}

	private JsonNode get(ConfigurableApplicationContext app, String path) throws Exception {
		HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(app, path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(r.statusCode()).as("GET %s: %s", path, r.body()).isEqualTo(200);
		return JSON.readTree(r.body());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext app, String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(uri(app, path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static URI uri(ConfigurableApplicationContext app, String path) {
		return URI.create("http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + path);
	}
}
