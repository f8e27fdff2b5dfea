package io.resgate.spring.gateway.cache;

import java.util.Set;

/**
 * A client connection as the cache sees it, for system token reset events.
 */
public interface CacheConnection {

	/** @return the connection ID */
	String cid();

	/**
	 * Token IDs were reset: a connection holding one of them sends an auth request to the subject.
	 * @param tids the reset token IDs
	 * @param subject the subject of the auth request
	 */
	void tokenReset(Set<String> tids, String subject);
}
