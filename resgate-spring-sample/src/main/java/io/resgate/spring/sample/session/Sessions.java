package io.resgate.spring.sample.session;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The open login sessions, in memory: session ID to user name.
 */
@Component
public class Sessions {

	private final Map<String, String> users = new ConcurrentHashMap<>();

	/**
	 * Opens a session.
	 * @param username the user
	 * @return the new session ID
	 */
	public String open(String username) {
		String sid = UUID.randomUUID().toString();
		users.put(sid, username);
		return sid;
	}

	/**
	 * Closes a session.
	 * @param sid the session ID
	 * @return the user of the session, or {@code null} if it was not open
	 */
	public String close(String sid) {
		return users.remove(sid);
	}

	/**
	 * Tells if a session is open.
	 * @param sid the session ID
	 * @return whether it is open
	 */
	public boolean isOpen(String sid) {
		return sid != null && users.containsKey(sid);
	}

	/**
	 * Closes all sessions of a user.
	 * @param username the user
	 * @return the closed session IDs
	 */
	public List<String> closeAll(String username) {
		List<String> sids = users.entrySet().stream().filter(e -> e.getValue().equals(username)).map(Map.Entry::getKey).toList();
		sids.forEach(users::remove);
		return sids;
	}

	/**
	 * The number of open sessions of a user.
	 * @param username the user
	 * @return the count
	 */
	public int count(String username) {
		return (int) users.values().stream().filter(username::equals).count();
	}
}
