package io.tally.revenue.projection.rebuild;

import java.time.Instant;

/**
 * One requested rebuild as stored in {@code projection_rebuild}.
 *
 * @param id its number
 * @param state running, or how it ended
 * @param consumerGroup the consumer group that reads the topic for it
 * @param requestedAt when it was requested
 * @param startedAt when an instance first worked on it
 * @param finishedAt when it ended
 * @param owner the instance working on it
 * @param shadowFingerprint the live tables' definition its shadow tables were copied
 * from, null before they exist
 * @param recordsApplied records read into the shadow tables
 * @param recordsSkipped records the live consumer dead-letters (undecodable, invalid,
 * rejected by the database): skipped here
 * @param switchAttempts how often the switch was attempted
 * @param detail why it failed or was cancelled, or how it ended
 */
record Rebuild(long id, RebuildState state, String consumerGroup, Instant requestedAt, Instant startedAt,
		Instant finishedAt, String owner, String shadowFingerprint, long recordsApplied, long recordsSkipped,
		int switchAttempts, String detail) {

}
