package io.resgate.spring.sample.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.resgate.spring.gateway.auth.ResTokens;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Spring Security login as the sample page sees it:
 * <ul>
 * <li>{@code GET /sample/me}: who is logged in ({@code {"user":"jane"}}, {@code "user":null} if nobody), with
 * the CSRF header and token the page's POSTs need;</li>
 * <li>{@code POST /sample/sign-out-everywhere}: ends every session of the logged-in user, in every browser,
 * and revokes their tokens on every gateway through {@code system.tokenReset} ({@link ResTokens}): each
 * connection those sessions opened loses its token at once and gets {@code unsubscribe} events for what it
 * may no longer see, such as {@code account.<user>}. Answers {@code {"sessions": <number ended>}}, or 401 if
 * nobody is logged in.</li>
 * </ul>
 * Logging out ({@code POST /logout}) ends one session, which the gateway turns into the same reset by itself.
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SignOutEverywhere {

	private final SessionRegistry sessions;

	private final ResTokens tokens;

	public SignOutEverywhere(SessionRegistry sessions, ResTokens tokens) {
		this.sessions = sessions;
		this.tokens = tokens;
	}

	/**
	 * Who is logged in through Spring Security.
	 * @param authentication the request's authentication, {@code null} if anonymous
	 * @param csrf the CSRF token for the page's POSTs
	 * @return {@code {"user": ..., "csrfHeader": ..., "csrfToken": ...}}
	 */
	@GetMapping(path = "/sample/me", produces = "application/json")
	public Map<String, Object> me(Authentication authentication, CsrfToken csrf) {
		Map<String, Object> me = new LinkedHashMap<>();
		me.put("user", isUser(authentication) ? authentication.getName() : null);
		me.put("csrfHeader", csrf.getHeaderName());
		me.put("csrfToken", csrf.getToken());
		return me;
	}

	/**
	 * Ends every session of the logged-in user and revokes the tokens they gave.
	 * @param authentication the request's authentication, {@code null} if anonymous
	 * @return the number of sessions ended, or 401
	 */
	@PostMapping(path = "/sample/sign-out-everywhere", produces = "application/json")
	public ResponseEntity<Map<String, Integer>> signOutEverywhere(Authentication authentication) {
		if (!isUser(authentication)) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		List<SessionInformation> open = sessions.getAllSessions(authentication.getPrincipal(), false);
		open.forEach(SessionInformation::expireNow);
		tokens.reset(open.stream().map(SessionInformation::getSessionId).toList());
		return ResponseEntity.ok(Map.of("sessions", open.size()));
	}

	private static boolean isUser(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}
}
