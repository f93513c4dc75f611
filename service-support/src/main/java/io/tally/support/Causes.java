package io.tally.support;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import io.tally.events.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * The walk down an exception's causes, in one place: the failure itself first, then each
 * cause; a cause that points back into the chain ends the walk. Also the one place that
 * tells an unreachable dependency (database, broker, registry) from any other failure,
 * whatever wraps it.
 */
public final class Causes {

	private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

	private Causes() {
	}

	/** The first throwable in the chain of the given type. */
	public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
	}

	/** Whether any throwable in the chain is of one of the given types. */
	@SafeVarargs
	public static boolean anyMatch(Throwable failure, Class<? extends Throwable>... types) {
		return anyMatch(failure, (cause) -> List.of(types).stream().anyMatch((type) -> type.isInstance(cause)));
	}

	/** Whether any throwable in the chain passes the test. */
	public static boolean anyMatch(Throwable failure, Predicate<? super Throwable> test) {
		return chain(failure).stream().anyMatch(test);
	}

	/** The last throwable of the chain: the one that started it all. */
	public static Throwable root(Throwable failure) {
		List<Throwable> chain = chain(failure);
		return chain.isEmpty() ? null : chain.get(chain.size() - 1);
	}

	/**
	 * Whether the failure comes from a dependency that is unreachable or gone, so that
	 * retrying later may succeed: a database connection that could not be opened, timed
	 * out or was lost (Spring's resource-failure and query-timeout exceptions, a
	 * transaction that could not begin, JDBC's connection exceptions, SQLState class
	 * {@code 08} and PostgreSQL's {@code 57P01}/{@code 57P02}/{@code 57P03}), a broker
	 * that does not answer (Kafka's retriable errors), an unavailable schema registry, or
	 * a refused or timed-out network connection. A rollback that failed as well hides the
	 * original failure behind a {@link TransactionSystemException}: both are looked at.
	 */
	public static boolean isUnavailableDependency(Throwable failure) {
		return anyMatch(failure,
				(cause) -> signalsUnavailableDependency(cause) || (cause instanceof TransactionSystemException rollback
						&& rollback.getOriginalException() != null
						&& anyMatch(rollback.getOriginalException(), Causes::signalsUnavailableDependency)));
	}

	private static boolean signalsUnavailableDependency(Throwable cause) {
		return cause instanceof DataAccessResourceFailureException
				|| cause instanceof TransientDataAccessResourceException || cause instanceof QueryTimeoutException
				|| cause instanceof CannotCreateTransactionException || cause instanceof SQLTransientConnectionException
				|| cause instanceof SQLNonTransientConnectionException
				|| (cause instanceof SQLException sql && isConnectionFailure(sql.getSQLState()))
				|| cause instanceof RetriableException || cause instanceof SchemaRegistryUnavailableException
				|| cause instanceof ConnectException || cause instanceof SocketTimeoutException
				|| cause instanceof HttpTimeoutException;
	}

	/**
	 * SQLState class 08 (connection exception), 57P01 admin shutdown, 57P02 crash
	 * shutdown, 57P03 cannot connect now.
	 */
	static boolean isConnectionFailure(String sqlState) {
		return sqlState != null && (sqlState.startsWith("08") || SERVER_GOING_AWAY.contains(sqlState));
	}

	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

}
