package io.tally.dashboard.api;

import java.time.Instant;
import java.util.List;

/**
 * One {@code revenue-changed} event of revenue-service's stream: the new absolute figures
 * of every bucket a projection commit touched.
 *
 * @param watermark time of the newest applied event after the commit
 * @param months touched month buckets
 * @param customers touched customer totals
 * @param totals touched currency totals
 * @param refresh {@code true} when figures beyond those listed may have changed (after a
 * rebuild of the projection or a lost notification): whoever shows figures reads them
 * again; absent in older streams
 */
public record RevenueChange(Instant watermark, List<MonthFigures> months, List<CustomerTotals> customers,
		List<CurrencyTotals> totals, Boolean refresh) {

	public RevenueChange {
		months = (months != null) ? List.copyOf(months) : List.of();
		customers = (customers != null) ? List.copyOf(customers) : List.of();
		totals = (totals != null) ? List.copyOf(totals) : List.of();
	}

	/** A change of exactly the listed figures. */
	public RevenueChange(Instant watermark, List<MonthFigures> months, List<CustomerTotals> customers,
			List<CurrencyTotals> totals) {
		this(watermark, months, customers, totals, false);
	}

	/** Whether every figure must be read again. */
	public boolean refreshAll() {
		return Boolean.TRUE.equals(this.refresh);
	}

}
