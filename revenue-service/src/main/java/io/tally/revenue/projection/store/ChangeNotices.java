package io.tally.revenue.projection.store;

import io.tally.revenue.freshness.ProjectionNotice;

import org.springframework.stereotype.Repository;

/**
 * Announces a projection transaction's changes with {@code pg_notify}: PostgreSQL
 * delivers the notice to every listening instance only when the transaction commits, so
 * whoever receives it can read the new figures.
 */
@Repository
class ChangeNotices {

	/** Queues the notice in the transaction the pipeline runs in. */
	void announce(ProjectionNotice notice, Pipeline pipeline) {
		String payload = notice.toPayload();
		pipeline.add("SELECT pg_notify(?, ?)", (p) -> p.string(ProjectionNotice.CHANNEL).string(payload));
	}

}
