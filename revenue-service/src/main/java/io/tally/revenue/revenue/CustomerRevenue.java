package io.tally.revenue.revenue;

import java.util.List;
import java.util.UUID;

/**
 * Revenue of one customer, per currency.
 *
 * @param customerId the customer
 * @param totals one entry per currency the customer has non-deleted invoices in
 */
record CustomerRevenue(UUID customerId, List<CurrencyTotals> totals) {
}
