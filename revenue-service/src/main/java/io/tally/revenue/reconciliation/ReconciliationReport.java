package io.tally.revenue.reconciliation;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one reconciliation run, as stored and shown by
 * {@code GET /api/ops/reconciliation}.
 *
 * @param startedAt when it began
 * @param finishedAt when it ended
 * @param outcome clean, drift, or failed
 * @param invoicesChecked invoices of the digest compared
 * @param driftCount drifting invoices found
 * @param consecutiveDriftRuns runs in a row that found drift, this one included (failed
 * runs neither count nor break the row)
 * @param drifting the first drifting invoices (bounded by
 * {@code tally.reconciliation.max-reported})
 * @param detail why it failed, or a note (e.g. more suspects than re-checked)
 */
record ReconciliationReport(Instant startedAt, Instant finishedAt, Outcome outcome, long invoicesChecked,
		long driftCount, int consecutiveDriftRuns, List<Drift> drifting, String detail) {

	/** How a run ended. */
	enum Outcome {

		CLEAN, DRIFT, FAILED

	}

	/** This report, placed in the row of runs after {@code previous} (may be null). */
	ReconciliationReport after(ReconciliationReport previous) {
		int before = (previous != null) ? previous.consecutiveDriftRuns() : 0;
		int consecutive = switch (this.outcome) {
			case CLEAN -> 0;
			case DRIFT -> before + 1;
			case FAILED -> before;
		};
		return new ReconciliationReport(this.startedAt, this.finishedAt, this.outcome, this.invoicesChecked,
				this.driftCount, consecutive, this.drifting, this.detail);
	}

}
