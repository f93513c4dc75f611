package io.tally.revenue.projection.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * Statements sent to PostgreSQL in one round trip: the driver splits a prepared string of
 * several statements into its parts and sends them all before it waits (one
 * {@code Sync}), and the server runs them in order, each with a snapshot of its own, as
 * if they had been sent one by one. A projection batch needs two such round trips instead
 * of ten: on a busy machine each round trip costs two wake-ups of a process, and those,
 * not the statements, were most of a batch's time (issue 12).
 * <p>
 * The first failing statement fails the whole execution, with the error it would have
 * raised alone; the ones after it do not run.
 */
final class Pipeline {

	/** Sets a statement's parameters, in order. */
	@FunctionalInterface
	interface Parameters {

		void set(Binder binder) throws SQLException;

	}

	/**
	 * Numbers the parameters of the statements of a pipeline one after the other, so that
	 * a statement need not know where its own start.
	 */
	static final class Binder {

		private final PreparedStatement statement;

		private int next = 1;

		Binder(PreparedStatement statement) {
			this.statement = statement;
		}

		Binder array(String elementType, Object[] values) throws SQLException {
			Connection connection = this.statement.getConnection();
			this.statement.setArray(this.next++, connection.createArrayOf(elementType, values));
			return this;
		}

		Binder string(String value) throws SQLException {
			this.statement.setString(this.next++, value);
			return this;
		}

		Binder integer(int value) throws SQLException {
			this.statement.setInt(this.next++, value);
			return this;
		}

	}

	private record Part(String sql, Parameters parameters, RowCallbackHandler rows) {

	}

	private final List<Part> statements = new ArrayList<>();

	/** Adds a statement whose answer is not needed. */
	Pipeline add(String sql, Parameters parameters) {
		return add(sql, parameters, null);
	}

	/** Adds a statement whose rows go to {@code rows}. */
	Pipeline add(String sql, Parameters parameters, RowCallbackHandler rows) {
		if (sql.contains(";")) {
			throw new IllegalArgumentException("One statement per part, without ';'");
		}
		this.statements.add(new Part(sql, parameters, rows));
		return this;
	}

	/** Runs the statements in one round trip through {@code jdbc}'s connection. */
	void execute(JdbcOperations jdbc) {
		if (this.statements.isEmpty()) {
			return;
		}
		String sql = String.join(";\n", this.statements.stream().map(Part::sql).toList());
		jdbc.execute((Connection connection) -> connection.prepareStatement(sql), (PreparedStatement ps) -> {
			Binder binder = new Binder(ps);
			for (Part statement : this.statements) {
				statement.parameters().set(binder);
			}
			boolean rows = ps.execute();
			// one result per statement, in order: rows or a count
			for (Part statement : this.statements) {
				if (rows && statement.rows() != null) {
					try (ResultSet resultSet = ps.getResultSet()) {
						while (resultSet.next()) {
							statement.rows().processRow(resultSet);
						}
					}
				}
				rows = ps.getMoreResults();
			}
			return null;
		});
	}

}
