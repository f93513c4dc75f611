package io.tally.revenue.revenue;

import java.time.Instant;
import java.util.List;

/**
 * The data of a {@code revenue-changed} stream event: the new figures of every bucket
 * that one or more projection commits changed.
 *
 * @param watermark time of the newest applied event
 * @param months new figures of the changed monthly buckets
 * @param customers new figures of the changed per-customer buckets
 * @param totals new totals of the currencies concerned (all currencies when
 * {@code refresh})
 * @param refresh whether figures beyond those listed may have changed (after a rebuild or
 * a lost notification): re-read what you show
 */
record RevenueChanged(Instant watermark, List<MonthlyRevenue> months, List<CustomerCurrencyRevenue> customers,
		List<CurrencyTotals> totals, boolean refresh) {
}
