package io.tally.revenue.revenue;

import java.time.Instant;
import java.util.List;

/**
 * Overall revenue.
 *
 * @param totals one entry per currency with non-deleted invoices
 * @param customerCount customers with at least one non-deleted invoice
 * @param lastEventAt {@code occurredAt} of the newest applied event, {@code null} before
 * the first
 */
record RevenueSummary(List<CurrencyTotals> totals, long customerCount, Instant lastEventAt) {
}
