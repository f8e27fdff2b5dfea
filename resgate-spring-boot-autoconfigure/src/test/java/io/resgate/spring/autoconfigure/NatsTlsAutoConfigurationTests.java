package io.resgate.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual TLS to a real nats-server that verifies client certificates, configured from PEM files
 * made for the test with openssl.
 */
class NatsTlsAutoConfigurationTests {

	private static final Path CERTS = generateCertificates();

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension(List.of("--tlsverify", "--tlscert",
			CERTS.resolve("server.pem").toString(), "--tlskey", CERTS.resolve("server.key").toString(), "--tlscacert",
			CERTS.resolve("ca.pem").toString()));

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ResgateMessagingAutoConfiguration.class));

	@Test
	void connectsWithClientCertificate() {
		runner.withPropertyValues("resgate.nats.url=tls://127.0.0.1:" + nats.port(),
				"resgate.nats.tls.ca-file=" + CERTS.resolve("ca.pem"),
				"resgate.nats.tls.cert-file=" + CERTS.resolve("client.pem"),
				"resgate.nats.tls.key-file=" + CERTS.resolve("client.key"))
			.run(ctx -> {
				assertThat(ctx).hasNotFailed();
				Messaging m = ctx.getBean(Messaging.class);
				assertThat(m).isInstanceOf(NatsMessaging.class);
				assertThat(m.isConnected()).isTrue();
			});
	}

	@Test
	void refusedWithoutClientCertificate() {
		runner.withPropertyValues("resgate.nats.url=tls://127.0.0.1:" + nats.port(),
				"resgate.nats.tls.ca-file=" + CERTS.resolve("ca.pem"), "resgate.nats.connection-timeout=1s",
				"resgate.nats.max-reconnects=0")
			.run(ctx -> assertThat(ctx).hasFailed());
	}

	private static Path generateCertificates() {
		try {
			Path dir = Files.createTempDirectory("nats-tls");
			openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
					"-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=test-ca");
			for (String name : List.of("server", "client")) {
				openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
						name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
				Files.writeString(dir.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
				openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
						"-CAcreateserial", "-out", name + ".pem", "-days", "2", "-extfile", name + ".ext");
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void openssl(Path dir, String... args) throws IOException {
		List<String> cmd = new java.util.ArrayList<>();
		cmd.add("openssl");
		cmd.addAll(List.of(args));
		Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
		try {
			String out = new String(p.getInputStream().readAllBytes());
			if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
				throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}
}
