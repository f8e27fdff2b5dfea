package io.resgate.spring.sample.session;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The sample's fixed users. A demo: each one's password is the user name ({@code admin}, {@code jane} and
 * {@code john}); only BCrypt hashes of them are kept, checked by Spring Security's login (form and HTTP Basic)
 * and by the RES {@code auth session.login} method alike.
 */
@Component
public class Users {

	private final Map<String, User> users = Map.of(
			"admin", new User("admin", "$2a$10$i/qJiHfC6vVdwfYOKRoF5.dU2dVxbxc6ANJeI5ya8lzICxUdgMJPO", "Administrator", "admin"),
			"jane", new User("jane", "$2a$10$sELLhX..Ce9C1ItpdwqY.u7Z76IDmt3Va3IkZfOtAbdU0FfhGKmJK", "Jane Doe", "user"),
			"john", new User("john", "$2a$10$p0GSDhJHfPsROpezlNUdkuXS9RBUERtFDGXhG5pNcpqvO74dOEEAS", "John Doe", "user"));

	/**
	 * A user by name.
	 * @param username the user name
	 * @return the user, if any
	 */
	public Optional<User> find(String username) {
		return Optional.ofNullable(username == null ? null : users.get(username));
	}

	/** @return all users */
	public Collection<User> all() {
		return users.values();
	}
}
