package io.resgate.spring.sample.session;

/**
 * The access token a logged-in connection holds. The gateway keeps it and passes it with every access,
 * call and auth request of the connection; the client never sees it. Its token ID ({@code tid}) is the
 * user name, so that all tokens of one user can be revoked at once.
 *
 * @param user the user name
 * @param role the user's role
 * @param sid the session ID
 */
public record UserToken(String user, String role, String sid) {

	/** @return whether the user is an administrator */
	public boolean isAdmin() {
		return "admin".equals(role);
	}
}
