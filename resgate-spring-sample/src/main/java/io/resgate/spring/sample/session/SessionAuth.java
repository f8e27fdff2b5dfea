package io.resgate.spring.sample.session;

import java.util.List;
import java.util.Map;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.protocol.ResException;
import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.Access;
import io.resgate.spring.service.ResRequest;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResAuth;
import io.resgate.spring.service.annotation.ResCall;
import io.resgate.spring.service.annotation.ResParams;
import io.resgate.spring.service.annotation.ResResource;
import io.resgate.spring.service.annotation.ResToken;
import io.resgate.spring.service.events.ResEvents;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Login and logout on the resource {@code session}:
 * <ul>
 * <li>{@code auth session.login {"username":"jane","password":"jane"}} opens a session and gives the
 * connection a {@link UserToken} (token ID: the user name); wrong credentials answer
 * {@code session.wrongUsernamePassword}.</li>
 * <li>{@code auth session.logout} closes the session and clears the token.</li>
 * <li>{@code call session.revoke {"user":"jane"}} closes all of a user's sessions (a user may revoke their
 * own, an admin anyone's): a {@code system.tokenReset} makes every gateway send
 * {@code auth session.refresh} for each connection holding one of those tokens, which clears it.</li>
 * </ul>
 * Each change of a user's sessions updates the model {@code account.<user>}.
 */
@ResResource("session")
@OnServiceSide
public class SessionAuth {

	static final String REFRESH_SUBJECT = "auth.session.refresh";

	static final ResError WRONG_USERNAME_PASSWORD = new ResError("session.wrongUsernamePassword",
			"Wrong username or password");

	private final Users users;

	private final Sessions sessions;

	private final ResEvents events;

	private final PasswordEncoder passwords;

	public SessionAuth(Users users, Sessions sessions, ResEvents events, PasswordEncoder passwords) {
		this.passwords = passwords;
		this.users = users;
		this.sessions = sessions;
		this.events = events;
	}

	/**
	 * Logs in: checks the password, opens a session and sets the connection's token (closing the
	 * connection's previous session, if any).
	 * @param params the credentials
	 * @param token the connection's current token, or {@code null}
	 * @param request the request, to set the token
	 * @return the user's public information: {@code {"user":..., "name":..., "role":...}}
	 */
	@ResAuth("login")
	public Map<String, String> login(@Valid @ResParams Credentials params, @ResToken UserToken token,
			ResRequest request) {
		User user = users.find(params.username())
			.filter(u -> passwords.matches(params.password(), u.passwordHash()))
			.orElseThrow(() -> new ResException(WRONG_USERNAME_PASSWORD));
		if (token != null) {
			closeSession(token.sid());
		}
		String sid = sessions.open(user.username());
		request.setToken(new UserToken(user.username(), user.role(), sid), user.username());
		sessionsChanged(user.username());
		return Map.of("user", user.username(), "name", user.name(), "role", user.role());
	}

	/**
	 * Logs out: closes the session and clears the connection's token.
	 * @param token the connection's token, or {@code null}
	 * @param request the request, to clear the token
	 */
	@ResAuth("logout")
	public void logout(@ResToken UserToken token, ResRequest request) {
		if (token != null) {
			closeSession(token.sid());
		}
		request.setToken(null);
	}

	/**
	 * Sent by the gateways after a token reset, once per connection holding a token of a revoked user:
	 * clears the token if its session was closed.
	 * @param token the connection's token
	 * @param request the request, to clear the token
	 */
	@ResAuth("refresh")
	public void refresh(@ResToken UserToken token, ResRequest request) {
		if (token != null && !sessions.isOpen(token.sid())) {
			request.setToken(null);
		}
	}

	/**
	 * Logged-in connections may call {@code revoke}; nobody may get the resource.
	 * @param token the connection's token, or {@code null}
	 * @return the access
	 */
	@ResAccess
	public Access access(@ResToken UserToken token) {
		return token == null ? Access.denied() : Access.of(false, "revoke");
	}

	/**
	 * Closes all sessions of a user and revokes their tokens on every connection, on every gateway.
	 * @param params the user, or none for oneself
	 * @param token the caller's token
	 * @return {@code {"revoked": <number of closed sessions>}}
	 */
	@ResCall("revoke")
	public Map<String, Integer> revoke(@ResParams RevokeParams params, @ResToken UserToken token) {
		if (token == null) {
			throw ResException.accessDenied();
		}
		String user = params.user() == null || params.user().isBlank() ? token.user() : params.user();
		if (!user.equals(token.user()) && !token.isAdmin()) {
			throw ResException.accessDenied();
		}
		List<String> closed = sessions.closeAll(user);
		events.tokenReset(REFRESH_SUBJECT, List.of(user));
		sessionsChanged(user);
		return Map.of("revoked", closed.size());
	}

	private void closeSession(String sid) {
		String user = sessions.close(sid);
		if (user != null) {
			sessionsChanged(user);
		}
	}

	private void sessionsChanged(String user) {
		events.change(AccountModel.rid(user), Map.of("sessions", sessions.count(user)));
	}

	/**
	 * Params of {@code login}.
	 * @param username the user name
	 * @param password the password
	 */
	public record Credentials(@NotBlank String username, @NotBlank String password) {
	}

	/**
	 * Params of {@code revoke}.
	 * @param user the user whose sessions to close; the caller if absent
	 */
	public record RevokeParams(String user) {
	}
}
