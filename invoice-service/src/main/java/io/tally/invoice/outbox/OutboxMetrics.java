package io.tally.invoice.outbox;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Outbox meters: {@code tally_outbox_pending},
 * {@code tally_outbox_oldest_pending_age_seconds}, {@code tally_outbox_published_total},
 * {@code tally_outbox_publish_failures_total}, {@code tally_outbox_commit_to_ack_seconds}
 * (histogram) and {@code tally_outbox_leader}.
 */
final class OutboxMetrics {

	private static final long BACKLOG_CACHE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final JdbcOperations jdbc;

	private final BooleanSupplier leader;

	private final Counter published;

	private final Counter failures;

	private final Timer commitToAck;

	private volatile Backlog backlog;

	OutboxMetrics(MeterRegistry registry, JdbcOperations jdbc, BooleanSupplier leader) {
		this.jdbc = jdbc;
		this.leader = leader;
		Gauge.builder("tally.outbox.pending", this, (m) -> m.backlog().pending())
			.description("Outbox rows not yet acknowledged by Kafka")
			.register(registry);
		Gauge.builder("tally.outbox.oldest.pending.age", this, (m) -> m.backlog().oldestAgeSeconds())
			.description("Age of the oldest outbox row not yet acknowledged by Kafka")
			.baseUnit("seconds")
			.register(registry);
		// Gauges hold their state object weakly: observe this (owned by the relay), never
		// a throwaway lambda.
		Gauge.builder("tally.outbox.leader", this, (m) -> m.leader.getAsBoolean() ? 1 : 0)
			.description("1 when this instance holds the relay lock and publishes")
			.register(registry);
		this.published = Counter.builder("tally.outbox.published")
			.description("Events acknowledged by Kafka and removed from the outbox")
			.register(registry);
		this.failures = Counter.builder("tally.outbox.publish.failures")
			.description("Event sends that Kafka did not acknowledge")
			.register(registry);
		this.commitToAck = Timer.builder("tally.outbox.commit.to.ack")
			.description("Time from writing an outbox row to Kafka's acknowledgement")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofMinutes(5))
			.register(registry);
	}

	void published(int count) {
		this.published.increment(count);
	}

	void failed(int count) {
		this.failures.increment(count);
	}

	void acknowledged(Duration sinceWrite) {
		this.commitToAck.record(sinceWrite.isNegative() ? Duration.ZERO : sinceWrite);
	}

	/**
	 * Pending rows and oldest age, read at most twice a second however often it is
	 * scraped.
	 */
	Backlog backlog() {
		Backlog current = this.backlog;
		long now = System.nanoTime();
		if (current == null || now - current.readAtNanos() > BACKLOG_CACHE_NANOS) {
			current = this.jdbc.queryForObject(
					"SELECT count(*), coalesce(extract(epoch FROM clock_timestamp() - min(created_at)), 0) FROM outbox",
					(rs, i) -> new Backlog(rs.getLong(1), rs.getDouble(2), now));
			this.backlog = current;
		}
		return current;
	}

	/** A reading of the outbox backlog. */
	record Backlog(long pending, double oldestAgeSeconds, long readAtNanos) {
	}

}
