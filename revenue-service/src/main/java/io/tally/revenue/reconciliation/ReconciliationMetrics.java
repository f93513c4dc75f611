package io.tally.revenue.reconciliation;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Reconciliation meters ({@code tally_reconciliation_*}). The gauges show the newest
 * report whichever instance wrote it (an instance that did not run refreshes them from
 * the database), so an alert may take the maximum over instances.
 */
@Component
class ReconciliationMetrics {

	private final AtomicLong driftInvoices = new AtomicLong();

	private final AtomicLong driftRuns = new AtomicLong();

	private final AtomicLong lastRunEpochSeconds = new AtomicLong();

	private final MeterRegistry registry;

	ReconciliationMetrics(MeterRegistry registry) {
		this.registry = registry;
		Gauge.builder("tally.reconciliation.drift.invoices", this.driftInvoices, AtomicLong::get)
			.description("Invoices on which the projection disagrees with invoice-service (last completed run)")
			.register(registry);
		Gauge.builder("tally.reconciliation.drift.runs", this.driftRuns, AtomicLong::get)
			.description("Consecutive runs that found drift")
			.register(registry);
		Gauge.builder("tally.reconciliation.last.run.timestamp", this.lastRunEpochSeconds, AtomicLong::get)
			.description("When the last run ended (seconds since the epoch)")
			.baseUnit("seconds")
			.register(registry);
		for (ReconciliationReport.Outcome outcome : ReconciliationReport.Outcome.values()) {
			runs(outcome);
		}
	}

	/** A run of this instance ended. */
	void ran(ReconciliationReport report) {
		runs(report.outcome()).increment();
		show(report);
	}

	/** Shows the newest report (written by any instance). */
	void show(ReconciliationReport report) {
		if (report.outcome() != ReconciliationReport.Outcome.FAILED) {
			this.driftInvoices.set(report.driftCount());
		}
		this.driftRuns.set(report.consecutiveDriftRuns());
		this.lastRunEpochSeconds.set(report.finishedAt().getEpochSecond());
	}

	private Counter runs(ReconciliationReport.Outcome outcome) {
		return Counter.builder("tally.reconciliation.runs")
			.description("Reconciliation runs of this instance, by outcome")
			.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.register(this.registry);
	}

}
