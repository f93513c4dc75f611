package io.tally.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.sql.SQLException;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class CausesTest {

	private final IOException root = new IOException("disk gone");

	private final IllegalStateException failure = new IllegalStateException("wrapped",
			new UncheckedIOException(this.root));

	@Test
	void findsTheFirstThrowableOfATypeAnywhereInTheChain() {
		assertThat(Causes.find(this.failure, IOException.class)).containsSame(this.root);
		assertThat(Causes.find(this.failure, RuntimeException.class)).containsSame(this.failure);
		assertThat(Causes.find(this.failure, InterruptedException.class)).isEmpty();
	}

	@Test
	void matchesByTypeOrTest() {
		assertThat(Causes.anyMatch(this.failure, UncheckedIOException.class)).isTrue();
		assertThat(Causes.anyMatch(this.failure, ArithmeticException.class, InterruptedException.class)).isFalse();
		assertThat(Causes.anyMatch(this.failure, (cause) -> "disk gone".equals(cause.getMessage()))).isTrue();
	}

	@Test
	void theRootIsTheLastCause() {
		assertThat(Causes.root(this.failure)).isSameAs(this.root);
		assertThat(Causes.root(this.root)).isSameAs(this.root);
	}

	@Test
	void recognisesADatabaseThatCannotBeReachedThroughEveryWrapperOfARealPool() throws Exception {
		try (HikariDataSource pool = poolOfAClosedPort()) {
			Throwable noTransaction = failure(
					() -> new TransactionTemplate(new JdbcTransactionManager(pool)).execute((tx) -> "never"));
			Throwable noConnection = failure(() -> new JdbcTemplate(pool).queryForObject("SELECT 1", Integer.class));

			assertThat(noTransaction).isInstanceOf(CannotCreateTransactionException.class);
			assertThat(noConnection).isInstanceOf(CannotGetJdbcConnectionException.class);
			assertThat(Causes.isUnavailableDependency(noTransaction)).isTrue();
			assertThat(Causes.isUnavailableDependency(noConnection)).isTrue();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "08000", "08001", "08003", "08006", "57P01", "57P02", "57P03" })
	void recognisesALostConnectionByItsSqlStateBehindAFailedRollback(String sqlState) {
		SQLException lost = new SQLException("connection gone", sqlState);

		assertThat(Causes.isUnavailableDependency(new TransactionSystemException("JDBC rollback failed", lost)))
			.isTrue();
		assertThat(Causes.isUnavailableDependency(new UncategorizedSQLException("update", "UPDATE invoice", lost)))
			.isTrue();
	}

	@Test
	void looksAtTheFailureARollbackFailureHid() {
		TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
				new SQLException("rollback refused", "XX000"));
		rollback.initApplicationException(new UncategorizedSQLException("select", "SELECT 1",
				new SQLException("terminating connection due to administrator command", "57P01")));

		assertThat(Causes.isUnavailableDependency(rollback)).isTrue();
	}

	@Test
	void recognisesTimeoutsAndUnreachableBrokersAndRegistries() {
		assertThat(Causes.isUnavailableDependency(new QueryTimeoutException("statement timeout"))).isTrue();
		assertThat(Causes.isUnavailableDependency(
				new IllegalStateException("send failed", new TimeoutException("metadata not available"))))
			.isTrue();
		assertThat(Causes.isUnavailableDependency(new SchemaRegistryUnavailableException("registry answered 503")))
			.isTrue();
		assertThat(Causes.isUnavailableDependency(
				new UncheckedIOException(new IOException("registry", new ConnectException("Connection refused")))))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "23505", "42P01", "40001", "22003" })
	void doesNotTakeOtherDatabaseErrorsForAnOutage(String sqlState) {
		assertThat(Causes.isUnavailableDependency(
				new UncategorizedSQLException("update", "UPDATE invoice", new SQLException("no", sqlState))))
			.isFalse();
		assertThat(Causes.isUnavailableDependency(this.failure)).isFalse();
		assertThat(Causes.isUnavailableDependency(new TransactionSystemException("commit failed"))).isFalse();
	}

	@Test
	void aCauseThatPointsBackEndsTheWalk() {
		Exception first = new Exception("first");
		Exception second = new Exception("second", first);
		first.initCause(second);
		assertThat(Causes.root(second)).isSameAs(first);
		assertThat(Causes.find(second, IOException.class)).isEmpty();
	}

	private static HikariDataSource poolOfAClosedPort() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + closed + "/nothing");
		config.setConnectionTimeout(250);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	private static Throwable failure(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			return ex;
		}
		throw new AssertionError("expected a failure");
	}

}
