package io.resgate.spring.sample.session;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The sample's fixed users; each one's password is the user name: {@code admin}, {@code jane} and {@code john}.
 */
@Component
public class Users {

	private final Map<String, User> users = Map.of(
			"admin", new User("admin", "admin", "Administrator", "admin"),
			"jane", new User("jane", "jane", "Jane Doe", "user"),
			"john", new User("john", "john", "John Doe", "user"));

	/**
	 * A user by name.
	 * @param username the user name
	 * @return the user, if any
	 */
	public Optional<User> find(String username) {
		return Optional.ofNullable(username == null ? null : users.get(username));
	}
}
