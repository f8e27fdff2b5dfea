package io.resgate.spring.gateway.conformance;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.resgate.spring.test.NatsServerExtension;
import io.resgate.spring.test.NodeScript;
import tools.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.resgate.spring.gateway.conformance.Json.assertJsonEquals;
import static io.resgate.spring.gateway.conformance.Json.expected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Services written the way Resgate's examples are (hello world, book collection, password login:
 * plain NATS request handlers with the npm {@code nats} client, {@code src/test/node/example-services.mjs},
 * and one on the old {@code nats} 1.x callback API, {@code legacy-style-services.cjs})
 * behind our gateway alone ({@code resgate.service.enabled=false}), with the real ResClient in front
 * ({@code example-client.mjs}, two clients at once, one JSON line per step), and the HTTP API against
 * the same services.
 *
 * <p>The client script runs once for the class; each test checks what it reported for one step.
 *
 * <p>The gateway traces (an in-memory tracer), so every request it sends the services carries a
 * {@code traceparent} NATS header: services that know nothing of headers, as Resgate's and go-res' do not,
 * work the same (the {@code nats} 1.x client does not even receive them: the server leaves them out for
 * clients that do not ask for headers).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExampleServicesNodeScenarios {

	private static final Path NODE_DIR = NodeScript.AUTOCONFIGURE_NODE_DIR;

	private static final List<String> PACKAGES = List.of("nats", "nats-v1", "resclient", "ws");

	private static final Duration STARTUP = Duration.ofSeconds(20);

	/**
	 * Header auth before each HTTP request, answered by the services' cookie check, as Resgate is run for its
	 * jwt example ({@code --headauth}); WebSocket clients ask for the same auth method themselves.
	 */
	private static final GatewayProfile HEADER_AUTH = new GatewayProfile("example-services",
			Map.of("resgate.header-auth", "jwt.header"));

	@RegisterExtension
	static final NatsServerExtension nats = new NatsServerExtension();

	private RunningGateway gateway;

	private NodeScript services;

	private NodeScript legacyServices;

	private final Map<String, JsonNode> steps = new LinkedHashMap<>();

	private String clientOutput = "";

	@BeforeAll
	void runClientAgainstServices() throws Exception {
		NodeScript.requirePackages(NODE_DIR, PACKAGES);
		gateway = new RunningGateway(Transport.NATS, HEADER_AUTH, nats.url(), Traced.class);
		services = NodeScript.start(NODE_DIR, PACKAGES, "example-services.mjs", nats.url());
		services.awaitLine("ready"::equals, STARTUP);
		legacyServices = NodeScript.start(NODE_DIR, PACKAGES, "legacy-style-services.cjs", nats.url());
		legacyServices.awaitLine("ready"::equals, STARTUP);
		try (NodeScript client = NodeScript.start(NODE_DIR, PACKAGES, "example-client.mjs", gateway.wsUri().toString())) {
			String last;
			do {
				last = client.awaitLine(line -> line.startsWith("{"), STARTUP);
				JsonNode step = Json.received(last);
				String name = step.get("step").asString();
				steps.put(name, step);
				if (name.equals("restart.ready")) {
					restartServices();
				}
			}
			while (!steps.containsKey("done") && !steps.containsKey("failed"));
			Optional<Integer> exit = client.awaitExit(Duration.ofSeconds(10));
			clientOutput = client.output();
			assertThat(steps).as("client failed; output:\n" + clientOutput + "\nservices:\n" + services.output())
				.doesNotContainKey("failed");
			assertThat(exit).as("client exit code; output:\n" + clientOutput).contains(0);
		}
	}

	/** Stops the services and starts them again, as an operator would; they announce themselves with system.reset. */
	private void restartServices() throws Exception {
		services.close();
		services = NodeScript.start(NODE_DIR, PACKAGES, "example-services.mjs", nats.url());
		services.awaitLine("ready"::equals, STARTUP);
	}

	@Test
	void theGatewayTracedItsRequestsToTheServices() {
		assertThat(Traced.TRACING.spans()).anyMatch(s -> "service get".equals(s.getName()))
			.anyMatch(s -> "service call".equals(s.getName()));
	}

	/** An in-memory tracer for the gateway, which then sends trace context in NATS headers. */
	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class Traced {

		static final io.resgate.spring.test.TestTracing TRACING = new io.resgate.spring.test.TestTracing();

		@org.springframework.context.annotation.Bean
		io.micrometer.observation.ObservationRegistry observationRegistry() {
			return TRACING.registry();
		}

		@org.springframework.context.annotation.Bean
		io.micrometer.tracing.Tracer tracer() {
			return TRACING.tracer();
		}
	}

	@AfterAll
	void stop() throws Exception {
		try {
			if (services != null) {
				services.close();
			}
			if (legacyServices != null) {
				legacyServices.close();
			}
		}
		finally {
			if (gateway != null) {
				gateway.close();
			}
		}
	}

	private JsonNode step(String name) {
		JsonNode step = steps.get(name);
		assertThat(step).as("step " + name + " reported; output:\n" + clientOutput).isNotNull();
		return step;
	}

	private void assertStep(String name, String expected) {
		JsonNode actual = step(name).deepCopy();
		((tools.jackson.databind.node.ObjectNode) actual).remove("step");
		assertJsonEquals(actual, expected(expected), name);
	}

	@Test
	void getModel() {
		assertStep("hello.get", "{'message':'Hello, World!'}");
	}

	@Test
	void changeBySetCallSeenBySecondClient() {
		assertStep("hello.change", "{'seenByOther':'Hello, Spring!','changeEvents':1,'old':'Hello, World!'}");
	}

	@Test
	void invalidSetIsInvalidParams() {
		assertStep("hello.invalidSet", "{'code':'system.invalidParams','message':'message must be a string'}");
	}

	/** A service on the npm nats 1.x client with its callback API, as Resgate's examples are written. */
	@Test
	void serviceOnNats1Client() {
		assertStep("v1.service", """
				{'before':'Hello from NATS 1.x','after':'Set through the gateway','notes':['first note','second note'],
				 'added':'second note','error':{'code':'system.invalidParams','message':'text is required'}}""");
	}

	/** The access response allows only the call of {@code set}. */
	@Test
	void callOfAMethodNotInTheAccessResponseIsDenied() {
		assertStep("hello.callNotAllowed", "{'code':'system.accessDenied','message':'Access denied'}");
	}

	@Test
	void collectionOfReferencedBooks() {
		assertStep("library.get", """
				{'books':[
				 {'id':1,'title':'Nineteen Eighty-Four','author':'George Orwell','rid':'library.book.1'},
				 {'id':2,'title':'The Left Hand of Darkness','author':'Ursula K. Le Guin','rid':'library.book.2'},
				 {'id':3,'title':'Dune','author':'Frank Herbert','rid':'library.book.3'}]}""");
	}

	@Test
	void newBookAddedToSecondClientsCollection() {
		assertStep("library.new", """
				{'result':{'id':4},'idx':3,'length':4,
				 'added':{'id':4,'title':'Kindred','author':'Octavia E. Butler','rid':'library.book.4'},
				 'last':{'id':4,'title':'Kindred','author':'Octavia E. Butler','rid':'library.book.4'}}""");
	}

	@Test
	void bookChangeSeenBySecondClient() {
		assertStep("library.set", "{'title':'Animal Farm','old':'Nineteen Eighty-Four'}");
	}

	/** Includes a call nobody listens to: no responders, answered at once with {@code system.notFound}. */
	@Test
	void validationErrors() {
		assertStep("library.errors", """
				{'newWithoutAuthor':{'code':'system.invalidParams','message':'author must be a string'},
				 'newWithEmptyTitle':{'code':'system.invalidParams','message':'title must not be empty'},
				 'setNumberTitle':{'code':'system.invalidParams','message':'title must be a string'},
				 'deleteStringId':{'code':'system.invalidParams','message':'id must be a number'},
				 'getMissing':{'code':'system.notFound','message':'Not found'},
				 'unknownMethod':{'code':'system.notFound','message':'Not found'}}""");
	}

	@Test
	void deletedBookRemovedFromSecondClientsCollection() {
		assertStep("library.delete", "{'idx':3,'removed':4,'length':3,'ids':[1,2,3]}");
	}

	@Test
	void restartedServicesResetIsAppliedToSubscribedClients() {
		assertStep("restart.ready", "{'length':4}");
		assertStep("restart.reset", """
				{'message':'Hello, World!','old':'Hello, Spring!','removedIdx':3,'ids':[1,2,3],
				 'title1':'Nineteen Eighty-Four'}""");
	}

	@Test
	void accessDeniedBeforeLogin() {
		assertStep("auth.before", "{'code':'system.accessDenied','message':'Access denied'}");
		assertStep("auth.wrongPassword", "{'code':'system.invalidParams','message':'Invalid params: wrong password'}");
	}

	@Test
	void loginTokenGrantsAccess() {
		assertStep("auth.login", "{'result':{'user':'ann'},'again':{'code':'passwd.alreadyLoggedIn','message':'Already logged in'},'ticksIncreased':true,'changeEvents':" + step("auth.login").get("changeEvents") + "}");
		assertThat(step("auth.login").get("changeEvents").asInt()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void logoutTakesAccessAway() {
		assertStep("auth.logout",
				"{'reason':'system.accessDenied','callAfterLogout':{'code':'system.accessDenied','message':'Access denied'}}");
	}

	@Test
	void sessionUserOfTheConnectionByCidTag() {
		assertStep("session.user",
				"{'rid':'session.user.{cid}','before':null,'afterLogin':'ann','afterLogout':null,'changeEvents':2}");
	}

	/** The auth request of a WebSocket client carries the headers of its upgrade request, cookie included. */
	@Test
	void authRequestCarriesTheWebSocketsCookie() {
		assertStep("header.auth", "{'ticks':'number'}");
		assertStep("header.badToken", "{'code':'system.accessDenied','message':'Access denied'}");
		assertStep("header.badTokenAuth", "{'code':'system.invalidParams','message':'Invalid params: invalid token'}");
	}

	@Test
	void httpHeaderAuthFromCookie() throws Exception {
		HttpResponse<String> granted = http("GET", "/ticker/model", null,
				"access-token=" + signedToken());
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
		assertThat(Json.received(granted.body()).get("ticks").isNumber()).isTrue();
		HttpResponse<String> forged = http("GET", "/ticker/model", null, "access-token=e30.forged");
		assertThat(forged.statusCode()).isEqualTo(401);
	}

	/** A token signed the way signed-token.mjs does, made by Node itself. */
	private String signedToken() throws Exception {
		try (NodeScript sign = NodeScript.start(NODE_DIR, PACKAGES, "--input-type=module", "-e",
				"import { sign } from './signed-token.mjs'; console.log('token ' + sign({ user: 'http', role: 'reader' }));")) {
			return sign.awaitLine(line -> line.startsWith("token "), STARTUP).substring("token ".length());
		}
	}

	@Test
	void httpGetBook() throws Exception {
		HttpResponse<String> response = http("GET", "/library/book/3", null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertJsonEquals(Json.received(response.body()), expected("{'id':3,'title':'Dune','author':'Frank Herbert'}"), "book 3");
	}

	@Test
	void httpGetCollectionWithItsReferences() throws Exception {
		HttpResponse<String> response = http("GET", "/library/books", null);
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode books = Json.received(response.body());
		assertThat(books.isArray()).as(response.body()).isTrue();
		assertJsonEquals(books.get(2), expected(
				"{'href':'/api/library/book/3','model':{'id':3,'title':'Dune','author':'Frank Herbert'}}"), "third book");
	}

	@Test
	void httpSetOfTheHelloModel() throws Exception {
		HttpResponse<String> set = http("POST", "/example/model/set", "{\"message\":\"Updated through HTTP\"}");
		assertThat(set.statusCode()).isEqualTo(204);
		HttpResponse<String> model = http("GET", "/example/model", null);
		assertJsonEquals(Json.received(model.body()), expected("{'message':'Updated through HTTP'}"), "model");
		HttpResponse<String> denied = http("POST", "/example/model/reset", null);
		assertThat(denied.statusCode()).isEqualTo(401);
	}

	@Test
	void httpGetMissingBookAndDeniedTicker() throws Exception {
		HttpResponse<String> missing = http("GET", "/library/book/404", null);
		assertThat(missing.statusCode()).isEqualTo(404);
		assertJsonEquals(Json.received(missing.body()), expected("{'code':'system.notFound','message':'Not found'}"), "missing");
		HttpResponse<String> denied = http("GET", "/ticker/model", null);
		assertThat(denied.statusCode()).isEqualTo(401);
		assertThat(Json.received(denied.body()).get("code").asString()).isEqualTo("system.accessDenied");
	}

	@Test
	void httpPostCalls() throws Exception {
		HttpResponse<String> invalid = http("POST", "/library/books/new", "{\"title\":\"No author\"}");
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertJsonEquals(Json.received(invalid.body()),
				expected("{'code':'system.invalidParams','message':'author must be a string'}"), "invalid new");

		HttpResponse<String> created = http("POST", "/library/books/new", "{\"title\":\"Solaris\",\"author\":\"Stanisław Lem\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
		int id = Json.received(created.body()).get("id").asInt();
		HttpResponse<String> book = http("GET", "/library/book/" + id, null);
		assertJsonEquals(Json.received(book.body()),
				expected("{'id':" + id + ",'title':'Solaris','author':'Stanisław Lem'}"), "created book");

		HttpResponse<String> set = http("POST", "/library/book/" + id + "/set", "{\"title\":\"Solaris (1961)\"}");
		assertThat(set.statusCode()).isEqualTo(204);
		HttpResponse<String> changed = http("GET", "/library/book/" + id, null);
		assertThat(Json.received(changed.body()).get("title").asString()).isEqualTo("Solaris (1961)");

		HttpResponse<String> deleted = http("POST", "/library/books/delete", "{\"id\":" + id + "}");
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(http("GET", "/library/book/" + id, null).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> http(String method, String path, String body) throws Exception {
		return http(method, path, body, null);
	}

	private HttpResponse<String> http(String method, String path, String body, String cookie) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/api" + path))
			.timeout(Duration.ofSeconds(10));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return gateway.http().send(request.build(), HttpResponse.BodyHandlers.ofString());
	}
}
