package io.resgate.spring.gateway.http;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import io.resgate.spring.test.NatsServerExtension;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded server as the starter sets it up for a gateway, with no {@code server.*} property
 * set: request targets Resgate serves are served, the connection limits are Resgate's, and every
 * request Tomcat refuses before the gateway sees it is answered with a RES error body.
 */
class HttpServerTests extends HttpApiTestSupport {

	@RegisterExtension
	static NatsServerExtension nats = new NatsServerExtension();

	@BeforeAll
	static void start() throws Exception {
		startApp(nats);
	}

	@AfterAll
	static void stop() {
		stopApp();
	}

	private static RawHttp connect() throws Exception {
		return new RawHttp(app().port());
	}

	private static String get(String target) {
		return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
	}

	/** Plays the service for a GET of test.model whose access and get carry the query. */
	private static void serveModelWithQuery(String query) {
		ScriptedService.Parallel reqs = service.nextParallel(2);
		reqs.get("access.test.model").assertField("query", "\"" + query + "\"").result("{\"get\":true}");
		reqs.get("get.test.model").assertField("query", "\"" + query + "\"")
			.result("{\"model\":" + MODEL + ",\"query\":\"" + query + "\"}");
	}

	@Test
	void theConnectorIsSetUpForAGateway() {
		Tomcat tomcat = ((TomcatWebServer) ((WebServerApplicationContext) app().context()).getWebServer()).getTomcat();
		Connector connector = tomcat.getConnector();
		AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
		assertThat(protocol.getMaxConnections()).isEqualTo(-1);
		assertThat(protocol.getAcceptCount()).isEqualTo(4096);
		assertThat(protocol.getMaxKeepAliveRequests()).isEqualTo(-1);
		assertThat(protocol.getMaxHttpRequestHeaderSize()).isEqualTo(64 * 1024);
		assertThat(protocol.getRelaxedQueryChars()).isEqualTo("\"<>[\\]^`{|}");
		assertThat(protocol.getRelaxedPathChars()).isEqualTo("\"<>[\\]^`{|}");
		Valve[] valves = tomcat.getHost().getPipeline().getValves();
		assertThat(Arrays.stream(valves).filter(ErrorReportValve.class::isInstance))
			.as("error valves of %s", Arrays.toString(valves)).singleElement().isInstanceOf(ResErrorReportValve.class);
	}

	@Test
	void queryOver8KbIsServed() {
		String query = "q=" + "a".repeat(20_000);
		ApiClient.Pending p = api.get("/api/test/model?" + query);
		serveModelWithQuery(query);
		p.response().assertStatus(200).assertBody(MODEL);
	}

	@Test
	void bracketsAndOtherUnencodedCharactersInTheQueryAreServed() throws Exception {
		String query = "a[]=1&b={x}|y^`\\\"<z>";
		try (RawHttp http = connect()) {
			http.send(get("/api/test/model?" + query));
			serveModelWithQuery(query.replace("\\", "\\\\").replace("\"", "\\\""));
			RawHttp.Response r = http.read();
			assertThat(r.status()).as(r.body()).isEqualTo(200);
			assertThat(r.json()).isEqualTo(ScriptedService.CODEC.tree(MODEL.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void rawUtf8InTheQueryIsRefusedWithAResError() throws Exception {
		// Tomcat rejects any byte over 0x7F in the request target, whatever its settings.
		try (RawHttp http = connect()) {
			http.send(get("/api/test/model?q=bl\u00e5b\u00e6r").getBytes(StandardCharsets.UTF_8));
			http.read().assertError(400, "system.badRequest", "Bad request");
		}
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void percentEncodedUtf8InTheQueryIsServed() {
		String query = "q=bl%C3%A5b%C3%A6r";
		ApiClient.Pending p = api.get("/api/test/model?" + query);
		serveModelWithQuery(query);
		p.response().assertStatus(200).assertBody(MODEL);
	}

	@Test
	void requestTargetOverTheLimitIs414() throws Exception {
		try (RawHttp http = connect()) {
			http.send(get("/api/test/model?q=" + "a".repeat(70_000)));
			http.read().assertError(414, "system.subjectTooLong", "Subject too long");
		}
	}

	@Test
	void headersOverTheLimitAre431() throws Exception {
		try (RawHttp http = connect()) {
			http.send("GET /api/test/model HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n");
			http.read().assertError(431, "system.badRequest", "Request header fields too large");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "GARBAGE\r\n\r\n", "G(T /api/test/model HTTP/1.1\r\nHost: localhost\r\n\r\n",
			"GET /api/test/model HTTP/1.1 extra\r\nHost: localhost\r\n\r\n",
			"GET /api/test\u0001model HTTP/1.1\r\nHost: localhost\r\n\r\n",
			"GET /api/test/model HTTP/1.1\r\n\r\n",
			"GET /api/test/model HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n",
			"GET /api/test/model HTTP/1.1\r\nHost: localhost\r\nBad Name: x\r\n\r\n",
			"POST /api/test/model/method HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n\r\n",
			"GET /api/test/a%2Fb HTTP/1.1\r\nHost: localhost\r\n\r\n",
			"GET /api/../../model HTTP/1.1\r\nHost: localhost\r\n\r\n",
			"\u0016\u0003\u0001\u0000\u0010 a TLS client hello\r\n\r\n" })
	void malformedRequestIs400WithAResError(String request) throws Exception {
		try (RawHttp http = connect()) {
			http.send(request);
			http.read().assertError(400, "system.badRequest", "Bad request");
			assertThat(http.closedByServer()).isTrue();
		}
	}

	@Test
	void unsupportedTransferEncodingIs501WithAResError() throws Exception {
		try (RawHttp http = connect()) {
			http.send("POST /api/test/model/method HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip\r\n\r\n");
			http.read().assertError(501, "system.notImplemented", "Not implemented");
		}
	}

	@Test
	void unsupportedHttpVersionIs505WithAResError() throws Exception {
		try (RawHttp http = connect()) {
			http.send("GET /api/test/model HTTP/9.9\r\nHost: localhost\r\n\r\n");
			http.read().assertError(505, "system.internalError", "Internal error");
		}
	}

	@Test
	void unreadableCallBodyIs400WithAResError() throws Exception {
		try (RawHttp http = connect()) {
			http.send("POST /api/test/model/method HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "zz\r\n");
			RawHttp.Response r = http.read().assertError(400, "system.badRequest", "Bad request");
			assertThat(r.header("Access-Control-Allow-Origin")).containsExactly("*");
		}
		service.assertNoRequest(Duration.ofMillis(50));
	}

	@Test
	void keepAliveConnectionIsNotClosedAfterManyRequests() throws Exception {
		try (RawHttp http = connect()) {
			for (int i = 1; i <= 150; i++) {
				http.send(get("/api/test.model"));
				RawHttp.Response r = http.read().assertError(404, "system.notFound", "Not found");
				assertThat(r.header("Connection")).as("Connection header of response %d", i).isEmpty();
			}
		}
	}
}
