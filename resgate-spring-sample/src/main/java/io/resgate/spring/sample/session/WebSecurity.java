package io.resgate.spring.sample.session;

import io.resgate.spring.gateway.auth.ResTokenMapper;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.session.SessionRegistryImpl;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.session.HttpSessionEventPublisher;

/**
 * Login through Spring Security: form login ({@code /login}, {@code /logout}) and HTTP Basic, against the
 * {@link Users} (BCrypt hashes; a demo: the password is the user name), and JWT bearer tokens when an
 * issuer's key is configured ({@code spring.security.oauth2.resourceserver.jwt.*}: the JWT's subject is the
 * user). The sessions are kept in a {@link SessionRegistry}, for "sign out everywhere"
 * ({@link SignOutEverywhere}); logging out ends the session, and the gateway then clears the token of the
 * connections it opened (a {@code system.tokenReset} with the session's ID). Every request is let through: the
 * pages are public, and what a connection may read is decided by the RES services from its token. The
 * gateway makes the {@code Authentication} of the WebSocket upgrade or HTTP API request the connection's
 * token, a {@link UserToken} as the RES login gives, so {@code account.<user>} stays readable only by its
 * owner and admins whichever way the user logged in.
 */
@Configuration(proxyBeanMethods = false)
public class WebSecurity {

	/**
	 * The filter chain: form login and HTTP Basic; CSRF protection for the form pages, not for the RES
	 * HTTP API (its clients are not browsers holding a form).
	 * @param http the builder
	 * @return the chain
	 * @throws Exception if the chain cannot be built
	 */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SecurityFilterChain securityFilterChain(HttpSecurity http, SessionRegistry sessions,
			ObjectProvider<JwtDecoder> jwt) throws Exception {
		http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.logout(Customizer.withDefaults())
			.sessionManagement(s -> s.maximumSessions(-1).sessionRegistry(sessions)
				// a session ended by "sign out everywhere": logged out, the request is asked for again anonymously
				.expiredSessionStrategy(e -> e.getResponse().sendRedirect(e.getRequest().getRequestURI()
						+ (e.getRequest().getQueryString() == null ? "" : "?" + e.getRequest().getQueryString()))))
			.csrf(c -> c.ignoringRequestMatchers("/api/**"));
		if (jwt.getIfAvailable() != null) {
			http.oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()));
		}
		return http.build();
	}

	/** @return the open sessions of each user, for "sign out everywhere" */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	SessionRegistry sessionRegistry() {
		return new SessionRegistryImpl();
	}

	/** @return tells the session registry of ended sessions */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	HttpSessionEventPublisher httpSessionEventPublisher() {
		return new HttpSessionEventPublisher();
	}

	/** @return BCrypt */
	@Bean
	PasswordEncoder passwordEncoder() {
		return new BCryptPasswordEncoder();
	}

	/**
	 * The sample's users for Spring Security, with role {@code ADMIN} or {@code USER}.
	 * @param users the users
	 * @return the user details
	 */
	@Bean
	UserDetailsService userDetailsService(Users users) {
		return new InMemoryUserDetailsManager(users.all().stream()
			.map(u -> org.springframework.security.core.userdetails.User.withUsername(u.username())
				.password(u.passwordHash())
				.roles(u.role().toUpperCase(java.util.Locale.ROOT))
				.build())
			.toList());
	}

	/**
	 * The token of a connection Spring Security authenticated: a {@link UserToken} with the user's role and
	 * no RES session.
	 * @param users the users
	 * @return the mapper
	 */
	@Bean
	ResTokenMapper resTokenMapper(Users users) {
		return authentication -> users.find(authentication.getName())
			.map(u -> new UserToken(u.username(), u.role(), null))
			.orElse(null);
	}
}
