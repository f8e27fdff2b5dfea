package io.resgate.spring.gateway.conformance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.test.NodeScript;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real client: the npm {@code resclient} 2.x runs under Node (with {@code ws}) against the
 * gateway and a small hand-written service ({@link ExampleService}), and checks get, subscribe,
 * change/add/remove events applied to its objects, a call with a resource response, auth with a
 * token, reaccess and unsubscribe ({@code src/test/node/resclient-test.mjs}).
 *
 * <p>Needs {@code node} on the PATH and the npm packages installed in {@code src/test/node}
 * ({@code npm --prefix resgate-spring-boot-autoconfigure/src/test/node install}, done by
 * {@code scripts/test.sh}); without them the test fails, it is never skipped.
 */
class ResClientNodeTest extends ConformanceTest {

	static final Path NODE_DIR = Path.of("src", "test", "node");

	@ParameterizedTest
	@EnumSource(Transport.class)
	void resClientUnderNode(Transport transport) throws Exception {
		assertThat(NODE_DIR.resolve("node_modules/resclient/package.json"))
			.as("npm packages of the Node test: run npm --prefix resgate-spring-boot-autoconfigure/src/test/node install")
			.exists();
		assertThat(NODE_DIR.resolve("node_modules/ws/package.json")).as("ws installed").exists();
		Scenario s = scenario(transport);
		try (ServiceBus bus = s.gateway().newServiceBus(); ExampleService service = new ExampleService(bus)) {
			Path log = Files.createTempFile("resclient-node-", ".log");
			Process node = new ProcessBuilder(List.of(NodeScript.nodeExecutable(), "resclient-test.mjs", s.gateway().wsUri().toString()))
				.directory(NODE_DIR.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			boolean finished = node.waitFor(90, TimeUnit.SECONDS);
			if (!finished) {
				node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
			String output = Files.readString(log, StandardCharsets.UTF_8);
			Files.deleteIfExists(log);
			assertThat(finished).as("node finished in time; output:\n" + output).isTrue();
			assertThat(node.exitValue()).as("node exit code; output:\n" + output).isZero();
			assertThat(output).contains("ok - get model", "ok - change event applied to the model",
					"ok - collection with a resolved reference", "ok - add event applied to the collection, new reference sent along",
					"ok - remove event applied to the collection", "ok - call with a resource response",
					"ok - access denied without token", "ok - auth sets the token, access granted",
					"ok - reaccess denies access, unsubscribe event", "ok - unsubscribe", "ALL OK");
		}
	}
}
