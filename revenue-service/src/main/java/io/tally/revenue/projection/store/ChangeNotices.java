package io.tally.revenue.projection.store;

import io.tally.revenue.freshness.ProjectionNotice;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Announces a projection transaction's changes with {@code pg_notify}: PostgreSQL
 * delivers the notice to every listening instance only when the transaction commits, so
 * whoever receives it can read the new figures.
 */
@Repository
class ChangeNotices {

	private final JdbcTemplate jdbc;

	ChangeNotices(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Queues the notice in the current transaction. */
	void announce(ProjectionNotice notice) {
		this.jdbc.query("SELECT pg_notify(?, ?)", (rs) -> null, ProjectionNotice.CHANNEL, notice.toPayload());
	}

}
