package io.resgate.spring.service.store;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import io.resgate.spring.protocol.ResError;
import io.resgate.spring.service.ResExceptionHandler;
import io.resgate.spring.service.ResRequest;

/**
 * Maps database failures in handlers to RES errors:
 * <ul>
 * <li>a violated constraint (unique, not null, foreign key, check) or a Bean Validation failure found in the
 * exception's causes is {@code system.invalidParams}, with a message saying which constraint;</li>
 * <li>a database that cannot be reached (no connection, connection lost, timeout) is {@code system.internalError}.
 * It is logged once, without a stack trace, when the first request fails; the next requests fail the same way
 * without more log lines until a database call succeeds again, which is logged too.</li>
 * </ul>
 * Other exceptions are left to the next handler (unknown ones end as {@code system.internalError} with their
 * stack trace logged). Ordered last, so the application's own handlers come first.
 */
public final class DatabaseExceptionHandler implements ResExceptionHandler, Ordered {

	private static final Log logger = LogFactory.getLog("io.resgate.spring.service.store");

	private static final int MAX_MESSAGE = 300;

	private final AtomicBoolean down = new AtomicBoolean();

	@Override
	public ResError handle(Throwable exception, ResRequest request) {
		List<Throwable> causes = causes(exception);
		for (Throwable t : causes) {
			if (t instanceof DataIntegrityViolationException) {
				return ResError.invalidParams(constraintMessage(t));
			}
			if (t.getClass().getName().equals("jakarta.validation.ConstraintViolationException")) {
				return ResError.invalidParams(t.getMessage());
			}
		}
		if (isUnavailable(exception)) {
			unavailable(exception);
			return ResError.INTERNAL_ERROR;
		}
		return null;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	/** @return whether the last database call failed because the database could not be reached */
	public boolean isDatabaseDown() {
		return down.get();
	}

	/**
	 * Notes that the database cannot be reached; logged once until it is reachable again.
	 * @param cause the failure
	 */
	void unavailable(Throwable cause) {
		if (down.compareAndSet(false, true)) {
			logger.error("Database unavailable (" + summary(cause) + "); requests that need it are answered with "
					+ "system.internalError until it is back");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Database still unavailable: " + summary(cause));
		}
	}

	/** Notes that a database call succeeded. */
	void available() {
		if (down.get() && down.compareAndSet(true, false)) {
			logger.info("Database available again");
		}
	}

	/**
	 * Tells if a failure means the database cannot be reached, rather than a bad statement or bad data.
	 * @param exception the failure
	 * @return whether it or one of its causes is a connection failure or timeout, or a commit or rollback that
	 * failed in the driver (the connection broke under the transaction)
	 */
	static boolean isUnavailable(Throwable exception) {
		for (Throwable t : causes(exception)) {
			if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessResourceException
					|| t instanceof RecoverableDataAccessException || t instanceof QueryTimeoutException
					|| t instanceof CannotCreateTransactionException || t instanceof SQLTransientConnectionException
					|| t instanceof SQLNonTransientConnectionException || t instanceof SQLRecoverableException
					|| t instanceof ConnectException || t instanceof TransactionSystemException) {
				return true;
			}
			if (isFailedCompletion(t)) {
				return true;
			}
			String state = (t instanceof SQLException sql) ? sql.getSQLState() : null;
			// 08: connection exceptions; 57P: the server shuts down, crashed or cannot take connections yet
			if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Tells if an exception is Hibernate's for a commit or rollback that failed in the driver: with JPA it comes
	 * (as a {@code JpaSystemException}) instead of a {@link TransactionSystemException}, and when it replaces the
	 * exception that made the transaction roll back, that one is lost.
	 */
	private static boolean isFailedCompletion(Throwable t) {
		return t.getClass().getName().equals("org.hibernate.TransactionException") && t.getCause() instanceof SQLException;
	}

	/**
	 * An exception and its causes, with the exception a failed rollback or commit replaced.
	 * @param exception the exception
	 * @return the exceptions, outermost first
	 */
	private static List<Throwable> causes(Throwable exception) {
		List<Throwable> all = new ArrayList<>();
		Deque<Throwable> todo = new ArrayDeque<>();
		todo.add(exception);
		while (!todo.isEmpty() && all.size() < 50) {
			Throwable t = todo.poll();
			if (t == null || all.contains(t)) {
				continue;
			}
			all.add(t);
			if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null) {
				todo.add(tse.getApplicationException());
			}
			if (t.getCause() != null) {
				todo.add(t.getCause());
			}
		}
		return all;
	}

	/**
	 * A message for a violated constraint: its kind (from the SQL state), then the database's own words
	 * without the SQL statement.
	 * @param exception the violation
	 * @return the message
	 */
	static String constraintMessage(Throwable exception) {
		SQLException sql = null;
		Throwable deepest = exception;
		for (Throwable t = exception; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof SQLException s && sql == null) {
				sql = s;
			}
			deepest = t;
		}
		String state = (sql != null && sql.getSQLState() != null) ? sql.getSQLState() : "";
		String kind = switch (state) {
			case "23502" -> "Missing value";
			case "23503" -> "Invalid reference";
			case "23505" -> "Already exists";
			case "23514" -> "Value not allowed";
			default -> "Constraint violated";
		};
		String detail = clean((sql != null) ? sql.getMessage() : deepest.getMessage());
		return detail.isEmpty() ? kind : kind + ": " + detail;
	}

	private static String clean(String message) {
		if (message == null) {
			return "";
		}
		String[] lines = message.strip().split("\\R");
		String text = lines[0].strip();
		if (text.startsWith("ERROR: ")) {
			text = text.substring("ERROR: ".length());
		}
		int sql = text.indexOf("; SQL statement:");
		if (sql >= 0) {
			text = text.substring(0, sql);
		}
		for (int i = 1; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.startsWith("Detail: ")) {
				text = text + " (" + line.substring("Detail: ".length()) + ")";
			}
		}
		return (text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) + "..." : text;
	}

	private static String summary(Throwable exception) {
		Throwable deepest = exception;
		for (Throwable t = exception; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			deepest = t;
		}
		String message = deepest.getMessage();
		String first = (message == null) ? "" : message.strip().split("\\R")[0];
		return deepest.getClass().getSimpleName() + (first.isEmpty() ? "" : ": " + first);
	}
}
