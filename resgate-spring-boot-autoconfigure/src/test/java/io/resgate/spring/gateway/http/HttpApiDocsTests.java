package io.resgate.spring.gateway.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.resgate.spring.gateway.GatewayTestApp;
import io.resgate.spring.messaging.Message;
import io.resgate.spring.messaging.Messaging;
import io.resgate.spring.protocol.ResCodec;
import io.resgate.spring.protocol.ResError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps docs/http-api.md true: runs every {@code curl} example of the page against the gateway (on
 * the in-process bus) in front of the example service the page describes, and compares the status,
 * the headers shown and the body with the documented output.
 */
class HttpApiDocsTests {

	private static final Path DOC = Path.of("..", "docs", "http-api.md");

	private static final ResCodec codec = new ResCodec();

	private static final Map<String, String> MODELS = new LinkedHashMap<>();

	private static final Map<String, String> COLLECTIONS = new LinkedHashMap<>();

	static {
		MODELS.put("example.model", "{\"message\":\"Hello, World!\",\"count\":42}");
		MODELS.put("example.book.1", "{\"title\":\"Animal Farm\",\"author\":\"George Orwell\"}");
		MODELS.put("example.shelf", "{\"name\":\"Favourites\",\"books\":{\"rid\":\"example.books\"},"
				+ "\"related\":{\"rid\":\"example.model\",\"soft\":true},\"tags\":{\"data\":[\"fiction\",\"classic\"]}}");
		MODELS.put("example.secret", "{\"secret\":true}");
		MODELS.put("example.moved", "{}");
		COLLECTIONS.put("example.books", "[{\"rid\":\"example.book.1\"},{\"rid\":\"example.book.404\"}]");
	}

	private static GatewayTestApp.Running app;

	private static ApiClient api;

	@BeforeAll
	static void start() {
		app = GatewayTestApp.start("resgate.put-method=set");
		Messaging m = app.messaging();
		m.subscribe("access.example.>", msg -> reply(m, msg, access(msg.subject().substring(7))));
		m.subscribe("get.example.>", msg -> reply(m, msg, get(msg.subject().substring(4), codec.tree(msg.data()))));
		m.subscribe("call.example.>", msg -> reply(m, msg, call(msg.subject().substring(5), codec.tree(msg.data()))));
		api = new ApiClient(app.port());
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	private static void reply(Messaging m, Message msg, String json) {
		m.publish(msg.replyTo(), json.getBytes(StandardCharsets.UTF_8));
	}

	private static String access(String name) {
		return switch (name) {
			case "example.secret" -> "{\"result\":{\"get\":false}}";
			case "example.moved" ->
				"{\"result\":{\"get\":true},\"meta\":{\"status\":307,\"header\":{\"Location\":[\"/api/example/model\"]}}}";
			default -> "{\"result\":{\"get\":true,\"call\":\"*\"}}";
		};
	}

	private static String get(String name, JsonNode req) {
		JsonNode q = req.get("query");
		if (name.equals("example.books") && q != null && q.asString().equals("limit=1")) {
			return "{\"result\":{\"collection\":[{\"rid\":\"example.book.1\"}],\"query\":\"limit=1\"}}";
		}
		if (MODELS.containsKey(name)) {
			return "{\"result\":{\"model\":" + MODELS.get(name) + "}}";
		}
		if (COLLECTIONS.containsKey(name)) {
			return "{\"result\":{\"collection\":" + COLLECTIONS.get(name) + "}}";
		}
		return "{\"error\":{\"code\":\"system.notFound\",\"message\":\"Not found\"}}";
	}

	private static String call(String subject, JsonNode req) {
		JsonNode params = req.get("params");
		return switch (subject) {
			case "example.model.greet" -> (params != null && params.has("name"))
					? "{\"result\":{\"greeting\":\"Hello, " + params.get("name").asString() + "!\"}}"
					: "{\"error\":{\"code\":\"system.invalidParams\",\"message\":\"Missing name\"}}";
			case "example.model.ping", "example.model.set" -> "{\"result\":null}";
			case "example.books.add" -> "{\"resource\":{\"rid\":\"example.book.2\"}}";
			case "example.session.login" ->
				"{\"result\":null,\"meta\":{\"header\":{\"Set-Cookie\":[\"session=abc123; Path=/; HttpOnly\"]}}}";
			default -> "{\"error\":{\"code\":\"system.methodNotFound\",\"message\":\"Method not found\"}}";
		};
	}

	/** A documented curl command and its output. */
	record Example(String command, int status, Map<String, String> headers, String body) {

		@Override
		public String toString() {
			return command;
		}
	}

	static Stream<Arguments> examples() throws IOException {
		String doc = Files.readString(DOC, StandardCharsets.UTF_8);
		Matcher m = Pattern.compile("```console\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		List<Arguments> list = new ArrayList<>();
		while (m.find()) {
			list.add(Arguments.of(parse(m.group(1))));
		}
		assertThat(list).hasSizeGreaterThan(10);
		return list.stream();
	}

	private static Example parse(String block) {
		String[] lines = block.split("\n", -1);
		assertThat(lines[0]).startsWith("$ curl ");
		Matcher status = Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(lines[1]);
		assertThat(status.matches()).as("status line of %s", lines[0]).isTrue();
		Map<String, String> headers = new LinkedHashMap<>();
		int i = 2;
		for (; i < lines.length && !lines[i].isEmpty(); i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon), lines[i].substring(colon + 1).trim());
		}
		StringBuilder body = new StringBuilder();
		for (i++; i < lines.length; i++) {
			body.append(lines[i]).append('\n');
		}
		String b = body.toString().trim();
		return new Example(lines[0].substring(2), Integer.parseInt(status.group(1)), headers, b.isEmpty() ? null : b);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void documentedCurlExampleGivesTheDocumentedOutput(Example example) {
		List<String> args = tokenize(example.command());
		String method = null;
		String body = null;
		String url = null;
		List<String> headers = new ArrayList<>();
		for (int i = 1; i < args.size(); i++) {
			switch (args.get(i)) {
				case "-i", "-s" -> {
				}
				case "-X" -> method = args.get(++i);
				case "-d" -> body = args.get(++i);
				case "-H" -> {
					String h = args.get(++i);
					int colon = h.indexOf(':');
					headers.add(h.substring(0, colon).trim());
					headers.add(h.substring(colon + 1).trim());
				}
				default -> url = args.get(i);
			}
		}
		if (method == null) {
			method = (body != null) ? "POST" : "GET";
		}
		if (body != null && headers.stream().noneMatch("Content-Type"::equalsIgnoreCase)) {
			// As curl does for -d.
			headers.add("Content-Type");
			headers.add("application/x-www-form-urlencoded");
		}
		assertThat(url).startsWith("http://localhost:8080/");
		ApiClient.Response r = api.send(method, url.substring("http://localhost:8080".length()), body,
				headers.toArray(String[]::new)).response();
		r.assertStatus(example.status());
		example.headers().forEach((name, value) -> {
			if (name.equalsIgnoreCase("Content-Type")) {
				assertThat(r.header(name)).singleElement().satisfies(
						ct -> assertThat(ct.replace(" ", "")).isEqualToIgnoringCase(value.replace(" ", "")));
			}
			else {
				assertThat(r.header(name)).as("header %s", name).containsExactly(value);
			}
		});
		if (example.body() == null) {
			assertThat(r.body()).isEmpty();
		}
		else {
			assertThat(r.json()).isEqualTo(codec.tree(example.body().getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Test
	void documentedJsonFlatExampleIsWhatTheEncoderWrites() throws IOException {
		String doc = Files.readString(DOC, StandardCharsets.UTF_8);
		Matcher m = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(doc);
		assertThat(m.find()).isTrue();
		Map<String, JsonNode> models = new LinkedHashMap<>();
		MODELS.forEach((k, v) -> models.put(k, codec.tree(v.getBytes())));
		Map<String, JsonNode> collections = new LinkedHashMap<>();
		COLLECTIONS.forEach((k, v) -> collections.put(k, codec.tree(v.getBytes())));
		byte[] out = ApiEncoder.of("jsonflat", new ApiPath("/api"), codec).encodeResource("example.shelf",
				ApiResources.ofResourceSet(models, collections, Map.of("example.book.404", ResError.NOT_FOUND)));
		assertThat(codec.tree(out)).isEqualTo(codec.tree(m.group(1).getBytes(StandardCharsets.UTF_8)));
	}

	private static List<String> tokenize(String command) {
		List<String> out = new ArrayList<>();
		StringBuilder cur = new StringBuilder();
		boolean quoted = false;
		boolean any = false;
		for (char c : command.toCharArray()) {
			if (c == '\'') {
				quoted = !quoted;
				any = true;
			}
			else if (c == ' ' && !quoted) {
				if (any) {
					out.add(cur.toString());
				}
				cur.setLength(0);
				any = false;
			}
			else {
				cur.append(c);
				any = true;
			}
		}
		if (any) {
			out.add(cur.toString());
		}
		return out;
	}
}
