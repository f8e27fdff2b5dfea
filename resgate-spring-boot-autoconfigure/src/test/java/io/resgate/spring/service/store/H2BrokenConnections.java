package io.resgate.spring.service.store;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells Hikari that H2's "connection is broken" (error 90067, which has no standard connection SQL state)
 * ends the connection, as PostgreSQL's {@code 08xxx} states do: without it, pooled connections to an H2
 * server that was restarted stay broken.
 */
public final class H2BrokenConnections implements SQLExceptionOverride {

	@java.lang.Override
	public Override adjudicate(SQLException ex) {
		return (ex.getErrorCode() == 90067) ? Override.MUST_EVICT : Override.CONTINUE_EVICT;
	}
}
