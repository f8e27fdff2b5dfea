package io.resgate.spring.gateway.http;

import java.time.Duration;

import io.nats.client.Options;
import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.gateway.requests.GatewayService;
import io.resgate.spring.messaging.NatsMessaging;
import io.resgate.spring.test.NatsServerExtension;
import org.junit.jupiter.api.AfterEach;

import static org.awaitility.Awaitility.await;

/**
 * Runs the gateway with its HTTP API on a random port, bridged to a real nats-server, with a
 * scripted service on its own NATS connection. Each test class starts one application.
 */
abstract class HttpApiTestSupport {

	static final String MODEL = "{\"string\":\"foo\",\"int\":42,\"bool\":true,\"null\":null}";

	private static GatewayTestApp.Running app;

	private static NatsMessaging serviceConnection;

	static ScriptedService service;

	static ApiClient api;

	static void startApp(NatsServerExtension nats, String... properties) throws Exception {
		String[] props = new String[properties.length + 1];
		props[0] = "resgate.nats.url=" + nats.url();
		System.arraycopy(properties, 0, props, 1, properties.length);
		app = GatewayTestApp.start(props);
		serviceConnection = NatsMessaging.connect(new Options.Builder().server(nats.url()));
		service = new ScriptedService(serviceConnection);
		api = new ApiClient(app.port());
	}

	static void stopApp() {
		service.close();
		serviceConnection.close();
		app.close();
	}

	static GatewayTestApp.Running app() {
		return app;
	}

	static GatewayService gateway() {
		return app.context().getBean(GatewayService.class);
	}

	@AfterEach
	void settle() {
		// Every test starts with an empty cache and no pending service requests, like a fresh Resgate.
		await().atMost(Duration.ofSeconds(10)).until(() -> gateway().cache().size() == 0);
		service.drain();
	}

	/**
	 * Plays the service for a GET until the response arrives: grants access (checking
	 * {@code isHttp}) and answers get requests from the test resources.
	 * @param pending the pending response
	 * @return the response
	 */
	static ApiClient.Response serveGet(ApiClient.Pending pending) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!pending.future().isDone() && System.nanoTime() < deadline) {
			ScriptedService.Request r = service.poll(Duration.ofMillis(50));
			if (r == null) {
				continue;
			}
			if (r.subject().startsWith("access.")) {
				r.assertField("isHttp", "true");
				r.result("{\"get\":true}");
			}
			else if (r.subject().startsWith("get.")) {
				r.respond(ApiEncoderTests.serviceResponse(r.subject().substring(4)));
			}
		}
		return pending.response();
	}
}
