package io.resgate.spring.sample.session;

import io.resgate.spring.gateway.auth.ResTokenMapper;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Login through Spring Security: form login ({@code /login}, {@code /logout}) and HTTP Basic, against the
 * {@link Users} (BCrypt hashes; a demo: the password is the user name). Every request is let through: the
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
	SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
			.formLogin(Customizer.withDefaults())
			.httpBasic(Customizer.withDefaults())
			.logout(Customizer.withDefaults())
			.csrf(c -> c.ignoringRequestMatchers("/api/**"));
		return http.build();
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
