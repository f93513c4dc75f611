package io.tally.revenue.projection.rebuild;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code projection_rebuild} rows. Every write of the instance running a rebuild
 * names the rebuild and its owner, and fails with {@link RebuildFenced} when either no
 * longer holds (cancelled, or taken over by another instance after this one lost its
 * lock).
 */
@Repository
class Rebuilds {

	private static final String COLUMNS = "id, state, consumer_group, requested_at, started_at, finished_at, owner, "
			+ "shadow_fingerprint, records_applied, records_skipped, switch_attempts, detail";

	private final JdbcClient jdbc;

	Rebuilds(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records a new running rebuild reading with consumer group
	 * {@code <groupPrefix><id>}.
	 * @throws RebuildAlreadyRunning when one is running already
	 */
	Rebuild request(String groupPrefix) {
		long id;
		try {
			// one statement: the group name carries the id the row gets
			id = this.jdbc.sql("""
					WITH next AS (SELECT nextval(pg_get_serial_sequence('projection_rebuild', 'id')) AS id)
					INSERT INTO projection_rebuild (id, state, consumer_group, requested_at) OVERRIDING SYSTEM VALUE
					SELECT id, 'RUNNING', :prefix || id, now() FROM next RETURNING id""")
				.param("prefix", groupPrefix)
				.query(Long.class)
				.single();
		}
		catch (DuplicateKeyException ex) {
			throw new RebuildAlreadyRunning(running().map(Rebuild::id).orElse(null));
		}
		return find(id).orElseThrow();
	}

	Optional<Rebuild> find(long id) {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuild WHERE id = :id")
			.param("id", id)
			.query(Rebuilds::rebuild)
			.optional();
	}

	Optional<Rebuild> running() {
		return this.jdbc.sql("SELECT " + COLUMNS + " FROM projection_rebuild WHERE state = 'RUNNING'")
			.query(Rebuilds::rebuild)
			.optional();
	}

	/** The newest rebuild that ended. */
	Optional<Rebuild> lastFinished() {
		return this.jdbc.sql("SELECT " + COLUMNS
				+ " FROM projection_rebuild WHERE state <> 'RUNNING' ORDER BY finished_at DESC NULLS LAST, id DESC LIMIT 1")
			.query(Rebuilds::rebuild)
			.optional();
	}

	/**
	 * Makes {@code owner} the instance working on the running rebuild {@code id}; false
	 * when it no longer runs.
	 */
	boolean claim(long id, String owner) {
		return this.jdbc.sql("""
				UPDATE projection_rebuild SET owner = :owner, started_at = coalesce(started_at, now())
				WHERE id = :id AND state = 'RUNNING'""").param("owner", owner).param("id", id).update() == 1;
	}

	/**
	 * New shadow tables were created from the definition {@code fingerprint}: counts
	 * start over.
	 */
	void shadowCreated(long id, String owner, String fingerprint) {
		fenced(this.jdbc
			.sql("""
					UPDATE projection_rebuild SET shadow_fingerprint = :fingerprint, records_applied = 0, records_skipped = 0
					WHERE id = :id AND owner = :owner AND state = 'RUNNING'""")
			.param("fingerprint", fingerprint)
			.param("id", id)
			.param("owner", owner)
			.update(), id);
	}

	/**
	 * Counts records read into the shadow tables, in the transaction that applied them.
	 */
	void progressed(long id, String owner, long applied, long skipped) {
		fenced(this.jdbc.sql("""
				UPDATE projection_rebuild SET records_applied = records_applied + :applied,
				  records_skipped = records_skipped + :skipped
				WHERE id = :id AND owner = :owner AND state = 'RUNNING'""")
			.param("applied", applied)
			.param("skipped", skipped)
			.param("id", id)
			.param("owner", owner)
			.update(), id);
	}

	void switchAttempted(long id, String owner) {
		fenced(this.jdbc.sql("""
				UPDATE projection_rebuild SET switch_attempts = switch_attempts + 1
				WHERE id = :id AND owner = :owner AND state = 'RUNNING'""")
			.param("id", id)
			.param("owner", owner)
			.update(), id);
	}

	/**
	 * Ends the rebuild, through {@code jdbc} (the switch passes its own transaction, so
	 * the outcome commits with the swapped tables).
	 */
	static void finish(JdbcOperations jdbc, long id, String owner, RebuildState state, String detail) {
		fenced(jdbc.update("""
				UPDATE projection_rebuild SET state = ?, finished_at = now(), detail = ?
				WHERE id = ? AND owner = ? AND state = 'RUNNING'""", state.name(), detail, id, owner), id);
	}

	void finish(long id, String owner, RebuildState state, String detail) {
		fenced(this.jdbc.sql("""
				UPDATE projection_rebuild SET state = :state, finished_at = now(), detail = :detail
				WHERE id = :id AND owner = :owner AND state = 'RUNNING'""")
			.param("state", state.name())
			.param("detail", detail)
			.param("id", id)
			.param("owner", owner)
			.update(), id);
	}

	/** Cancels the running rebuild; empty when none runs. */
	Optional<Rebuild> cancel(String detail) {
		return this.jdbc.sql("""
				UPDATE projection_rebuild SET state = 'CANCELLED', finished_at = now(), detail = :detail
				WHERE state = 'RUNNING' RETURNING\s""" + COLUMNS)
			.param("detail", detail)
			.query(Rebuilds::rebuild)
			.optional();
	}

	private static void fenced(int updated, long id) {
		if (updated != 1) {
			throw new RebuildFenced(id);
		}
	}

	private static Rebuild rebuild(ResultSet rs, int row) throws SQLException {
		return new Rebuild(rs.getLong("id"), RebuildState.valueOf(rs.getString("state")),
				rs.getString("consumer_group"), instant(rs, "requested_at"), instant(rs, "started_at"),
				instant(rs, "finished_at"), rs.getString("owner"), rs.getString("shadow_fingerprint"),
				rs.getLong("records_applied"), rs.getLong("records_skipped"), rs.getInt("switch_attempts"),
				rs.getString("detail"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
