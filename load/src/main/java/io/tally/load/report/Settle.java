package io.tally.load.report;

/**
 * How the pipeline caught up after the last request.
 *
 * @param lastSampleVisibleAfterEndMs when the last freshness sample became visible,
 * counted from the end of the run (negative: before it); null without samples
 * @param outboxEmptyAfterEndMs when the outbox backlog was first seen at zero after the
 * end; null when metrics were not available or it did not empty within the settle timeout
 * (the consumer lag is not used: revenue-service exposes only Kafka's windowed maximum,
 * which stays up for a minute after a backlog clears)
 * @param outboxPendingAtEnd the outbox backlog at the end of the run
 * @param consumerLagAtEnd the consumer lag at the end of the run
 */
public record Settle(Double lastSampleVisibleAfterEndMs, Double outboxEmptyAfterEndMs, Double outboxPendingAtEnd,
		Double consumerLagAtEnd) {

}
