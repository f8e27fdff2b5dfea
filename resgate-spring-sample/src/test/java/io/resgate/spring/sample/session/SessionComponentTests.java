package io.resgate.spring.sample.session;

import java.util.List;
import java.util.Map;

import io.resgate.spring.service.test.ResTestSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login, per-user access and revocation unit-tested with the starter's test kit.
 */
class SessionComponentTests {

	ResTestSession session;

	@BeforeEach
	void start() {
		session = new ResTestSession();
		Users users = new Users();
		Sessions sessions = new Sessions();
		session.register(new SessionAuth(users, sessions, session.events(), new org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder()), new AccountModel(users, sessions)).start();
	}

	@AfterEach
	void stop() {
		session.close();
	}

	@Test
	void loginSetsATokenWithTheUserAsTokenIdBeforeAnswering() {
		session.auth("session", "login", Map.of("username", "john", "password", "john"))
			.assertResult(Map.of("user", "john", "name", "John Doe", "role", "user"));
		JsonNode token = session.nextEvent().assertSubject("conn.testcid.token").json();
		assertThat(token.get("tid").asString()).isEqualTo("john");
		assertThat(token.at("/token/user").asString()).isEqualTo("john");
		session.nextEvent().assertChange("account.john", Map.of("sessions", 1));
	}

	@Test
	void wrongCredentialsAndMissingParamsAreRejected() {
		session.auth("session", "login", Map.of("username", "john", "password", "jane"))
			.assertError("session.wrongUsernamePassword", "Wrong username or password");
		session.auth("session", "login", Map.of("username", "john")).assertError("system.invalidParams");
	}

	@Test
	void accountsAreVisibleToTheirUserAndToAdmins() {
		UserToken jane = new UserToken("jane", "user", "s1");
		session.access("account.jane", jane).assertAccess(true, null);
		session.access("account.john", jane).assertError("system.accessDenied");
		session.access("account.john", new UserToken("admin", "admin", "s2")).assertAccess(true, null);
		session.access("account.john", null).assertError("system.accessDenied");
		session.get("account.nobody").assertError("system.notFound");
	}

	@Test
	void onlyAdminsRevokeOthersSessions() {
		UserToken jane = new UserToken("jane", "user", "s1");
		session.request("call", "session").method("revoke").token(jane).params(Map.of("user", "john")).send()
			.assertError("system.accessDenied");
		session.request("call", "session")
			.method("revoke")
			.token(new UserToken("admin", "admin", "s2"))
			.params(Map.of("user", "john"))
			.send()
			.assertResult(Map.of("revoked", 0));
		session.nextEvent().assertSubject("system.tokenReset").assertPayload(
				Map.of("tids", List.of("john"), "subject", "auth.session.refresh"));
	}
}
