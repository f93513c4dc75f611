package io.tally.dashboard.api;

import java.time.Instant;
import java.util.List;

/**
 * Totals per currency, the number of customers and the time of the newest applied event.
 *
 * @param totals one entry per currency with invoices
 * @param customerCount customers with at least one invoice
 * @param lastEventAt newest applied event, {@code null} before the first
 */
public record RevenueSummary(List<CurrencyTotals> totals, long customerCount, Instant lastEventAt) {

	public RevenueSummary {
		totals = (totals != null) ? List.copyOf(totals) : List.of();
	}

}
