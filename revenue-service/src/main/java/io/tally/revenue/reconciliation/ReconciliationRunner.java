package io.tally.revenue.reconciliation;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.tally.revenue.background.BackgroundWorker;
import io.tally.revenue.projection.store.AdvisoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Reconciles on a schedule ({@code tally.reconciliation.interval} after the end of the
 * previous run), on one instance at a time (an advisory lock; an instance that does not
 * get it only refreshes its gauges from the stored report). A run scans the digest, waits
 * the grace period if it found differences, re-checks them and stores its report.
 */
@Component
class ReconciliationRunner extends BackgroundWorker {

	private static final Logger log = LoggerFactory.getLogger(ReconciliationRunner.class);

	/** The projection's own meter: how long events take from invoice-service to it. */
	static final String EVENT_LAG_METER = "tally.projection.event.lag";

	private final Reconciler reconciler;

	private final ReconciliationReports reports;

	private final ReconciliationMetrics metrics;

	private final DataSource dataSource;

	private final MeterRegistry meters;

	private final ReconciliationProperties properties;

	private volatile boolean inProgress;

	ReconciliationRunner(Reconciler reconciler, ReconciliationReports reports, ReconciliationMetrics metrics,
			DataSource dataSource, MeterRegistry meters, ReconciliationProperties properties) {
		super("reconciliation");
		this.reconciler = reconciler;
		this.reports = reports;
		this.metrics = metrics;
		this.dataSource = dataSource;
		this.meters = meters;
		this.properties = properties;
	}

	@Override
	public void start() {
		if (this.properties.enabled()) {
			super.start();
		}
	}

	@Override
	protected void work() {
		try {
			this.reports.last().ifPresent(this.metrics::show);
		}
		catch (RuntimeException ex) {
			log.debug("No stored reconciliation report yet: {}", ex.getMessage());
		}
		pause(this.properties.initialDelay());
		while (isRunning()) {
			runOnce();
			pause(this.properties.interval());
		}
	}

	/** Whether this instance is in the middle of a run. */
	boolean inProgress() {
		return this.inProgress;
	}

	/**
	 * Starts a run now instead of at the next scheduled time.
	 * @throws ReconciliationUnavailable when it is disabled or already running here
	 */
	void trigger() {
		if (!isRunning()) {
			throw ReconciliationUnavailable.disabled();
		}
		if (this.inProgress) {
			throw ReconciliationUnavailable.running();
		}
		wakeUp();
	}

	private void runOnce() {
		Optional<AdvisoryLock> lock;
		try {
			lock = AdvisoryLock.tryAcquire(this.dataSource, this.properties.lockKey());
		}
		catch (SQLException | RuntimeException ex) {
			log.warn("Reconciliation skipped, the database is unavailable: {}", rootMessage(ex));
			return;
		}
		if (lock.isEmpty()) {
			// another instance reconciles: show its result
			this.reports.last().ifPresent(this.metrics::show);
			return;
		}
		try (AdvisoryLock held = lock.get()) {
			this.inProgress = true;
			ReconciliationReport report = reconcile(Instant.now());
			if (report != null) {
				finish(report);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Storing the reconciliation report failed: {}", rootMessage(ex));
		}
		finally {
			this.inProgress = false;
		}
	}

	/** One run; null when this instance stopped meanwhile. */
	private ReconciliationReport reconcile(Instant started) {
		try {
			Reconciler.Scan scan = this.reconciler.scan(() -> {
				sleep(this.properties.pagePause());
				if (!isRunning()) {
					throw new CancellationException("stopping");
				}
			});
			List<Drift> drift = List.of();
			if (!scan.suspects().isEmpty()) {
				Duration grace = grace();
				log.info("Reconciliation found {} differences; re-checking them in {}", scan.suspects().size(), grace);
				sleep(grace);
				if (!isRunning()) {
					return null;
				}
				drift = this.reconciler.recheck(scan);
			}
			String detail = scan.truncated() ? "More than " + this.properties.maxSuspects()
					+ " differences: only that many were re-checked, drift may be larger" : null;
			return new ReconciliationReport(started, Instant.now(),
					drift.isEmpty() ? ReconciliationReport.Outcome.CLEAN : ReconciliationReport.Outcome.DRIFT,
					scan.invoicesChecked(), drift.size(), 0,
					drift.subList(0, Math.min(drift.size(), this.properties.maxReported())), detail);
		}
		catch (CancellationException ex) {
			return null;
		}
		catch (RuntimeException ex) {
			if (!isRunning()) {
				return null;
			}
			return new ReconciliationReport(started, Instant.now(), ReconciliationReport.Outcome.FAILED, 0, 0, 0,
					List.of(), rootMessage(ex));
		}
	}

	/**
	 * At least the configured grace, and at least the projection's recent maximum event
	 * lag: a change younger than that may still be on its way.
	 */
	private Duration grace() {
		Timer lag = this.meters.find(EVENT_LAG_METER).timer();
		Duration observed = (lag != null) ? Duration.ofMillis((long) lag.max(TimeUnit.MILLISECONDS)) : Duration.ZERO;
		return (observed.compareTo(this.properties.grace()) > 0) ? observed : this.properties.grace();
	}

	private void finish(ReconciliationReport outcome) {
		ReconciliationReport report = outcome.after(this.reports.last().orElse(null));
		this.reports.save(report, this.properties.keepRuns());
		this.metrics.ran(report);
		switch (report.outcome()) {
			case CLEAN ->
				log.info("Reconciliation clean: {} invoices agree with invoice-service", report.invoicesChecked());
			case DRIFT -> log.atWarn()
				.addKeyValue("driftCount", report.driftCount())
				.log("Reconciliation found drift on {} of {} invoices ({} runs in a row), e.g. {}", report.driftCount(),
						report.invoicesChecked(), report.consecutiveDriftRuns(),
						report.drifting().stream().limit(5).map(Drift::invoiceId).toList());
			case FAILED -> log.warn("Reconciliation failed: {}", report.detail());
		}
	}

}
