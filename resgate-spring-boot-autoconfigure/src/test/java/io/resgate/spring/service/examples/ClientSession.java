package io.resgate.spring.service.examples;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.resgate.spring.protocol.ResException;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.annotation.Cid;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;

/**
 * Resgate's client-session example: password login to a session with relogin keys, a per-connection
 * user model {@code session.user.<cid>} readable only by that connection, and a ticker for any logged
 * in role. Relogin-key expiry timers are left out.
 */
public final class ClientSession {

	private ClientSession() {
	}

	record User(int id, String name, String role, String password) {
	}

	/** The token set on logged-in connections. */
	public record SessionToken(String sid, Integer userId, String role) {
	}

	static final class Session {

		final String sid;

		final User user;

		final List<String> keys = new ArrayList<>();

		String cid;

		Session(String sid, User user) {
			this.sid = sid;
			this.user = user;
		}
	}

	/** The session service. */
	@ResResource("session")
	public static final class SessionService {

		private static final Map<String, User> USERS = Map.of("admin", new User(1, "Administrator", "admin", "admin"),
				"guest", new User(2, "Guest", "guest", "guest"), "jane", new User(3, "Jane Doe", "user", "jane"),
				"john", new User(4, "John Doe", "user", "john"));

		private final ResEvents events;

		private final SecureRandom random = new SecureRandom();

		private final Map<String, Session> byKey = new HashMap<>();

		private final Map<String, Session> byCid = new HashMap<>();

		public SessionService(ResEvents events) {
			this.events = events;
		}

		private String generateId() {
			byte[] b = new byte[24];
			random.nextBytes(b);
			return Base64.getEncoder().encodeToString(b);
		}

		private void setSessionCid(Session session, String cid) {
			if (session.cid != null) {
				events.token(session.cid, null);
				byCid.remove(session.cid);
			}
			session.cid = cid;
			byCid.put(cid, session);
			events.token(cid, new SessionToken(session.sid, session.user.id(), session.user.role()));
			events.change("session.user." + cid, userValues(session.user));
		}

		private String issueReloginKey(Session session) {
			String key = generateId();
			session.keys.add(key);
			byKey.put(key, session);
			return key;
		}

		private void dispose(Session session) {
			Map<String, Object> nulls = new LinkedHashMap<>();
			nulls.put("id", null);
			nulls.put("name", null);
			nulls.put("role", null);
			events.change("session.user." + session.cid, nulls);
			events.token(session.cid, null);
			session.keys.forEach(byKey::remove);
			byCid.remove(session.cid);
		}

		static Map<String, Object> userValues(User user) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("id", user.id());
			m.put("name", user.name());
			m.put("role", user.role());
			return m;
		}

		synchronized Optional<User> userOf(String cid) {
			return Optional.ofNullable(byCid.get(cid)).map(s -> s.user);
		}

		@ResAuth("login")
		synchronized Map<String, String> login(@Cid String cid, @ResToken SessionToken token,
				@ResParams Map<String, Object> params) {
			if (token != null) {
				throw new ResException("session.alreadyLoggedIn", "Already logged in");
			}
			if (!(params.get("username") instanceof String username) || !(params.get("password") instanceof String pw)) {
				throw ResException.invalidParams("Invalid parameters");
			}
			User user = USERS.get(username.toLowerCase());
			if (user == null || !user.password().equals(pw)) {
				throw new ResException("session.wrongUsernamePassword", "Wrong username or password");
			}
			Session session = new Session(generateId(), user);
			setSessionCid(session, cid);
			return Map.of("reloginKey", issueReloginKey(session));
		}

		@ResAuth("relogin")
		synchronized Map<String, String> relogin(@Cid String cid, @ResParams Map<String, Object> params) {
			if (!(params.get("reloginKey") instanceof String key)) {
				throw ResException.invalidParams("Invalid parameters");
			}
			Session session = byKey.get(key);
			if (session == null || !session.keys.get(session.keys.size() - 1).equals(key)) {
				if (session != null) {
					dispose(session);
				}
				throw new ResException("session.invalidReloginKey", "Invalid relogin key");
			}
			if (!cid.equals(session.cid)) {
				setSessionCid(session, cid);
			}
			return Map.of("reloginKey", issueReloginKey(session));
		}

		@ResAuth("logout")
		synchronized void logout(@Cid String cid) {
			Session session = byCid.get(cid);
			if (session != null) {
				dispose(session);
			}
		}
	}

	/** The connection's user model, {@code session.user.<cid>}. */
	@ResModel("session.user.$cid")
	public static final class UserModel {

		private final SessionService sessions;

		public UserModel(SessionService sessions) {
			this.sessions = sessions;
		}

		@ResAccess
		Access access(@PathParam String cid, @Cid String requester) {
			return cid.equals(requester) ? Access.readOnly() : Access.denied();
		}

		@ResGet
		Map<String, Object> get(@PathParam String cid) {
			return sessions.userOf(cid).map(SessionService::userValues).orElseGet(() -> {
				Map<String, Object> nulls = new LinkedHashMap<>();
				nulls.put("id", null);
				nulls.put("name", null);
				nulls.put("role", null);
				return nulls;
			});
		}
	}

	/** The ticker, readable by any logged-in role. */
	@ResModel("ticker.model")
	public static final class Ticker {

		private int seconds;

		@ResAccess
		Access access(@ResToken Optional<SessionToken> token) {
			return token.filter(t -> t.role() != null).map(t -> Access.readOnly()).orElse(Access.denied());
		}

		@ResGet
		synchronized Map<String, Integer> get() {
			return Map.of("seconds", seconds);
		}
	}
}
