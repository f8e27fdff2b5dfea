package io.resgate.spring.sample.session;

import java.util.Optional;

import io.resgate.spring.sample.OnServiceSide;
import io.resgate.spring.service.annotation.PathParam;
import io.resgate.spring.service.annotation.ResAccess;
import io.resgate.spring.service.annotation.ResGet;
import io.resgate.spring.service.annotation.ResModel;

/**
 * A user's account, {@code account.<user>}: name, role and the number of open sessions. Per-user
 * access, declared as a rule over the connection's {@link UserToken}: only that user (and admins) may
 * read it; after logout or revocation the gateway unsubscribes the client.
 */
@ResModel("account.$user")
@ResAccess(get = "token?.user == #user or token?.role == 'admin'")
@OnServiceSide
public class AccountModel {

	private final Users users;

	private final Sessions sessions;

	public AccountModel(Users users, Sessions sessions) {
		this.users = users;
		this.sessions = sessions;
	}

	/**
	 * The resource ID of a user's account.
	 * @param user the user name
	 * @return {@code account.<user>}
	 */
	public static String rid(String user) {
		return "account." + user;
	}

	/**
	 * The account; {@code system.notFound} for unknown users.
	 * @param user the user name
	 * @return the account
	 */
	@ResGet
	public Optional<Account> get(@PathParam("user") String user) {
		return users.find(user).map(u -> new Account(u.username(), u.name(), u.role(), sessions.count(u.username())));
	}

	/**
	 * The account model.
	 * @param user the user name
	 * @param name the display name
	 * @param role the role
	 * @param sessions the number of open sessions
	 */
	public record Account(String user, String name, String role, int sessions) {
	}
}
