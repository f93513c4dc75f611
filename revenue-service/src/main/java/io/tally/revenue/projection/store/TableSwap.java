package io.tally.revenue.projection.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.function.Consumer;

import io.tally.revenue.freshness.ProjectionNotice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The switch transaction, holding ACCESS EXCLUSIVE locks on every live table: it reads
 * where the live tables stand, and {@link #complete} drops them and moves the shadow
 * tables into their place in the same transaction, so a reader sees either the old tables
 * or the new ones, never a mix and never an error. Closing it without completing rolls
 * back and releases the locks.
 */
public final class TableSwap implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(TableSwap.class);

	private final Connection connection;

	private final JdbcTemplate jdbc;

	private String liveSchema;

	private boolean committed;

	TableSwap(Connection connection, JdbcTemplate jdbc) {
		this.connection = connection;
		this.jdbc = jdbc;
	}

	void begin() {
		try {
			this.connection.setAutoCommit(false);
		}
		catch (SQLException ex) {
			throw this.jdbc.getExceptionTranslator().translate("begin table swap", null, ex);
		}
	}

	JdbcTemplate jdbc() {
		return this.jdbc;
	}

	void liveSchema(String quotedLiveSchema) {
		this.liveSchema = quotedLiveSchema;
	}

	/** Where the live tables stand; final while the locks are held. */
	public SourcePositions livePositions(String topic) {
		return ProjectionOffsets.read(this.jdbc, TableSet.LIVE, topic);
	}

	/** Where the shadow tables stand (committed by the rebuild's own transactions). */
	public SourcePositions shadowPositions(String topic) {
		return ProjectionOffsets.read(this.jdbc, TableSet.SHADOW, topic);
	}

	/**
	 * Runs {@code sameTransaction} (e.g. recording the outcome), replaces the live tables
	 * by the shadow tables and commits.
	 */
	public void complete(Consumer<JdbcOperations> sameTransaction) {
		sameTransaction.accept(this.jdbc);
		String shadow = ShadowTables.quote(ProjectionTables.SHADOW_SCHEMA);
		// every figure may have changed: watchers (read-your-writes, the live stream)
		// hear
		// it on commit, with the newest event time of the new tables
		Timestamp newest = this.jdbc.queryForObject("SELECT max(occurred_at) FROM " + shadow + ".invoice_state",
				Timestamp.class);
		this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> null, ProjectionNotice.CHANNEL,
				ProjectionNotice.everything((newest != null) ? newest.toInstant() : null).toPayload());
		for (String table : ProjectionTables.NAMES) {
			this.jdbc.execute("DROP TABLE " + this.liveSchema + "." + ShadowTables.quote(table));
		}
		for (String table : ProjectionTables.NAMES) {
			this.jdbc
				.execute("ALTER TABLE " + shadow + "." + ShadowTables.quote(table) + " SET SCHEMA " + this.liveSchema);
		}
		try {
			this.connection.commit();
			this.committed = true;
		}
		catch (SQLException ex) {
			throw this.jdbc.getExceptionTranslator().translate("commit table swap", null, ex);
		}
	}

	@Override
	public void close() {
		try {
			if (!this.committed) {
				this.connection.rollback();
			}
		}
		catch (SQLException ex) {
			log.debug("Rollback of the switch transaction failed: {}", ex.getMessage());
		}
		finally {
			try {
				this.connection.setAutoCommit(true);
				this.connection.close();
			}
			catch (SQLException ex) {
				log.debug("Closing the switch connection failed: {}", ex.getMessage());
			}
		}
	}

}
