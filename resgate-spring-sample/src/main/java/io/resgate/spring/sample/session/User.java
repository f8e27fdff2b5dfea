package io.resgate.spring.sample.session;

/**
 * A user of the sample.
 *
 * @param username the login name
 * @param passwordHash the password's BCrypt hash
 * @param name the display name
 * @param role {@code "admin"} or {@code "user"}
 */
public record User(String username, String passwordHash, String name, String role) {

	/** @return whether the user is an administrator */
	public boolean isAdmin() {
		return "admin".equals(role);
	}
}
