package io.resgate.spring.sample;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.resgate.spring.gateway.WsTestClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample behind Spring Security, over real HTTP and WebSocket: HTTP Basic and the session cookie of a
 * form login authenticate the HTTP API and the WebSocket upgrade; {@code account.<user>} is readable only by
 * its owner (and admins); wrong credentials get 401 with a RES error body.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleSecurityTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@Test
	void anonymousHttpApiRequestIsDenied() throws Exception {
		assertThat(get("/api/account/jane").statusCode()).isIn(401, 403);
	}

	@Test
	void janeReadsHerAccountWithHttpBasic() throws Exception {
		HttpResponse<String> r = get("/api/account/jane", "Authorization", basic("jane", "jane"));
		assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
		assertThat(JSON.readTree(r.body()).get("user").asString()).isEqualTo("jane");
	}

	@Test
	void johnCannotReadJanesAccountButAdminCan() throws Exception {
		assertThat(get("/api/account/jane", "Authorization", basic("john", "john")).statusCode()).isIn(401, 403);
		assertThat(get("/api/account/jane", "Authorization", basic("admin", "admin")).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordGets401WithAResErrorBody() throws Exception {
		HttpResponse<String> r = get("/api/account/jane", "Authorization", basic("jane", "wrong"));
		assertThat(r.statusCode()).isEqualTo(401);
		assertThat(JSON.readTree(r.body()).get("code").asString()).as(r.body()).isEqualTo("system.accessDenied");
	}

	@Test
	void webSocketWithBasicCredentialsSubscribesHerAccount() {
		try (WsTestClient ws = WsTestClient.connect(wsUri(), "Authorization", basic("jane", "jane"))) {
			JsonNode r = ws.request("subscribe.account.jane", null);
			assertThat(r.at("/result/models/account.jane/user").asString()).as(r.toString()).isEqualTo("jane");
		}
	}

	@Test
	void webSocketWithTheSessionCookieOfAFormLoginSubscribesHerAccount() throws Exception {
		String cookie = formLogin("jane", "jane");
		try (WsTestClient ws = WsTestClient.connect(wsUri(), "Cookie", cookie)) {
			JsonNode r = ws.request("subscribe.account.jane", null);
			assertThat(r.at("/result/models/account.jane/user").asString()).as(r.toString()).isEqualTo("jane");
			assertThat(ws.request("subscribe.account.john", null).at("/error/code").asString())
				.isEqualTo("system.accessDenied");
		}
		assertThat(get("/api/account/jane", "Cookie", cookie).statusCode()).isEqualTo(200);
	}

	@Test
	void anonymousWebSocketIsDenied() {
		try (WsTestClient ws = WsTestClient.connect(wsUri())) {
			assertThat(ws.request("subscribe.account.jane", null).at("/error/code").asString())
				.isEqualTo("system.accessDenied");
		}
	}

	@Test
	void logoutEndsTheAccountOnTheWebSocketsOfTheSession() throws Exception {
		String cookie = formLogin("jane", "jane");
		try (WsTestClient ws = WsTestClient.connect(wsUri(), "Cookie", cookie)) {
			assertThat(ws.request("subscribe.account.jane", null).has("result")).isTrue();
			HttpResponse<String> logout = post("/logout", cookie);
			assertThat(logout.statusCode()).isIn(204, 302);
			JsonNode event = ws.event();
			assertThat(event.get("event").asString()).isEqualTo("account.jane.unsubscribe");
			assertThat(event.at("/data/reason/code").asString()).isEqualTo("system.accessDenied");
			// the connection stays open, without a token
			assertThat(ws.request("subscribe.account.jane", null).at("/error/code").asString())
				.isEqualTo("system.accessDenied");
		}
	}

	@Test
	void signOutEverywhereEndsEverySessionOfTheUserThroughATokenReset() throws Exception {
		String first = formLogin("jane", "jane");
		String second = formLogin("jane", "jane");
		String johns = formLogin("john", "john");
		try (WsTestClient a = WsTestClient.connect(wsUri(), "Cookie", first);
				WsTestClient b = WsTestClient.connect(wsUri(), "Cookie", second);
				WsTestClient john = WsTestClient.connect(wsUri(), "Cookie", johns)) {
			assertThat(a.request("subscribe.account.jane", null).has("result")).isTrue();
			assertThat(b.request("subscribe.account.jane", null).has("result")).isTrue();
			assertThat(john.request("subscribe.account.john", null).has("result")).isTrue();

			HttpResponse<String> r = post("/sample/sign-out-everywhere", second);
			assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
			assertThat(JSON.readTree(r.body()).get("sessions").asInt()).isGreaterThanOrEqualTo(2);

			for (WsTestClient ws : List.of(a, b)) {
				assertThat(ws.event().get("event").asString()).isEqualTo("account.jane.unsubscribe");
			}
			// john's session is not touched
			assertThat(john.request("subscribe.account.john", null).has("result")).isTrue();
		}
		assertThat(get("/api/account/jane", "Cookie", first).statusCode()).isNotEqualTo(200);
		assertThat(get("/api/account/john", "Cookie", johns).statusCode()).isEqualTo(200);
	}

	@Test
	void signOutEverywhereNeedsALogin() throws Exception {
		HttpResponse<String> me = get("/sample/me");
		assertThat(JSON.readTree(me.body()).get("user").isNull()).isTrue();
		assertThat(post("/sample/sign-out-everywhere", sessionCookie(me)).statusCode()).isEqualTo(401);
	}

	/** A POST with the session's CSRF token, as the sample page sends it. */
	private HttpResponse<String> post(String path, String cookie) throws Exception {
		JsonNode me = JSON.readTree(get("/sample/me", "Cookie", cookie).body());
		return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
			.header("Cookie", cookie).header(me.get("csrfHeader").asString(), me.get("csrfToken").asString())
			.POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** Logs in through the login form (with its CSRF token); returns the session cookie. */
	private String formLogin(String user, String password) throws Exception {
		HttpResponse<String> page = get("/login");
		String session = sessionCookie(page);
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as(page.body()).isTrue();
		String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(csrf.group(1));
		HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
			.POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(302);
		assertThat(login.headers().firstValue("Location").orElse("")).doesNotContain("error");
		return sessionCookie(login);
	}

	private static String sessionCookie(HttpResponse<?> r) {
		return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
			.map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
	}

	private HttpResponse<String> get(String path, String... headers) throws Exception {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10));
		for (int i = 0; i + 1 < headers.length; i += 2) {
			b.header(headers[i], headers[i + 1]);
		}
		return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String base() {
		return "http://127.0.0.1:" + port;
	}

	private URI wsUri() {
		return URI.create("ws://127.0.0.1:" + port + "/");
	}

	private static String enc(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}
}
