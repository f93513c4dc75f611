package io.tally.revenue.projection.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tally.revenue.rules.ChangeType;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.RevenueProjection;

import org.springframework.stereotype.Component;

/**
 * The projection's meters, named as docs/api.md promises (Prometheus form
 * {@code tally_projection_*}).
 */
@Component
class ProjectionMetrics {

	private final Map<ChangeType, Counter> applied = new EnumMap<>(ChangeType.class);

	private final Counter stale;

	private final Counter deadLettered;

	private final Counter retries;

	private final Timer lag;

	ProjectionMetrics(MeterRegistry registry) {
		for (ChangeType type : ChangeType.values()) {
			this.applied.put(type,
					Counter.builder("tally.projection.events.applied")
						.description("Events applied to the projection, by type")
						.tag("type", typeTag(type))
						.register(registry));
		}
		this.stale = Counter.builder("tally.projection.events.stale")
			.description("Events skipped because the projection already held that or a newer version")
			.register(registry);
		this.deadLettered = Counter.builder("tally.projection.dead.lettered")
			.description("Records published to the dead-letter topic")
			.register(registry);
		this.retries = Counter.builder("tally.projection.retries")
			.description("Failed deliveries that will be retried after a back-off")
			.register(registry);
		this.lag = Timer.builder("tally.projection.event.lag")
			.description("Time from an event's occurredAt to its projection commit")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofMillis(1))
			.maximumExpectedValue(Duration.ofHours(1))
			.register(registry);
	}

	/**
	 * Records a committed change; called while its span is current, so the lag
	 * histogram's exemplar points at the change's trace.
	 */
	void committed(InvoiceChange change, RevenueProjection.Outcome outcome, Instant committedAt) {
		if (outcome == RevenueProjection.Outcome.APPLIED) {
			this.applied.get(change.type()).increment();
		}
		else {
			this.stale.increment();
		}
		Duration lag = Duration.between(change.occurredAt(), committedAt);
		this.lag.record(lag.isNegative() ? Duration.ZERO : lag);
	}

	void deadLettered() {
		this.deadLettered.increment();
	}

	void retried() {
		this.retries.increment();
	}

	/** The record name of the change's event type, e.g. {@code InvoiceCreated}. */
	static String typeTag(ChangeType type) {
		return EventMapper.eventType(type).recordName();
	}

}
