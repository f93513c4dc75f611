package io.tally.revenue.projection.rebuild;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Rebuild meters of this instance ({@code tally_projection_rebuild_*}): only the instance
 * running a rebuild reports it as running; dashboards take the maximum over instances.
 */
@Component
class RebuildMetrics {

	private final AtomicLong running = new AtomicLong();

	private final AtomicLong recordsApplied = new AtomicLong();

	private final AtomicLong lagRecords = new AtomicLong();

	private final MeterRegistry registry;

	RebuildMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("tally.projection.rebuild.running", this.running, AtomicLong::get)
			.description("1 while this instance runs a projection rebuild")
			.register(registry);
		Gauge.builder("tally.projection.rebuild.records.applied", this.recordsApplied, AtomicLong::get)
			.description("Records the current (or last) rebuild of this instance read into its shadow tables")
			.register(registry);
		Gauge.builder("tally.projection.rebuild.lag.records", this.lagRecords, AtomicLong::get)
			.description("Records the running rebuild still has to read to reach the end of the topic")
			.register(registry);
		for (RebuildState outcome : RebuildState.values()) {
			if (outcome != RebuildState.RUNNING) {
				outcomes(outcome);
			}
		}
	}

	void started(long recordsApplied) {
		this.running.set(1);
		this.recordsApplied.set(recordsApplied);
	}

	void progressed(long recordsApplied, long lagRecords) {
		this.recordsApplied.set(recordsApplied);
		this.lagRecords.set(lagRecords);
	}

	/** This instance stopped running the rebuild (ended, handed over or shut down). */
	void stopped() {
		this.running.set(0);
		this.lagRecords.set(0);
	}

	void ended(RebuildState outcome) {
		outcomes(outcome).increment();
		stopped();
	}

	private Counter outcomes(RebuildState outcome) {
		return Counter.builder("tally.projection.rebuilds")
			.description("Rebuilds that ended, by outcome")
			.tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
			.register(this.registry);
	}

}
