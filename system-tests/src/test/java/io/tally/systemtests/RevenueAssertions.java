package io.tally.systemtests;

import java.time.YearMonth;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import io.tally.systemtests.ExpectedRevenue.Figures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks every revenue endpoint against figures recomputed from the invoices.
 */
final class RevenueAssertions {

	private RevenueAssertions() {
	}

	static void assertRevenueMatches(RevenueApi revenue, ExpectedRevenue expected, Collection<String> customers,
			YearMonth from, YearMonth to) {
		RevenueApi.Summary summary = revenue.summary();
		assertThat(nonZero(summary.totals())).as("summary totals").isEqualTo(nonZero(expected.totals));
		assertThat(summary.customerCount()).as("summary customerCount").isEqualTo(expected.customerCount);
		assertThat(summary.lastEventAt()).as("summary lastEventAt").isNotBlank();

		TreeSet<String> currencies = new TreeSet<>(expected.totals.keySet());
		currencies.addAll(summary.totals().keySet());
		int months = (int) (from.until(to, java.time.temporal.ChronoUnit.MONTHS) + 1);
		for (String currency : currencies) {
			Map<YearMonth, Figures> rows = revenue.monthly(from, to, currency).getOrDefault(currency, Map.of());
			assertThat(rows).as("monthly %s: one row per month, zeros included", currency).hasSize(months);
			for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
				assertThat(rows.get(month)).as("monthly %s %s", currency, month)
					.isEqualTo(expected.month(currency, month).withoutCount());
			}
		}
		Map<String, Map<YearMonth, Figures>> all = revenue.monthly(from, to, null);
		assertThat(nonZeroMonthly(all, from, to)).as("monthly, every currency")
			.isEqualTo(nonZeroMonthly(expected.monthly, from, to));

		for (String customer : customers) {
			Optional<Map<String, Figures>> actual = revenue.customer(customer);
			Map<String, Figures> wanted = nonZero(expected.customers.getOrDefault(customer, Map.of()));
			assertThat(actual.map(RevenueAssertions::nonZero).orElse(Map.of())).as("customer %s", customer)
				.isEqualTo(wanted);
		}
	}

	private static Map<String, Figures> nonZero(Map<String, Figures> totals) {
		Map<String, Figures> result = new TreeMap<>();
		totals.forEach((currency, figures) -> {
			if (!figures.isZero()) {
				result.put(currency, figures);
			}
		});
		return result;
	}

	/**
	 * The months of {@code from} … {@code to} (what the query asked for) with figures.
	 */
	private static Map<String, Map<YearMonth, Figures>> nonZeroMonthly(Map<String, Map<YearMonth, Figures>> monthly,
			YearMonth from, YearMonth to) {
		Map<String, Map<YearMonth, Figures>> result = new TreeMap<>();
		monthly.forEach((currency, rows) -> rows.forEach((month, figures) -> {
			if (!month.isBefore(from) && !month.isAfter(to) && !figures.withoutCount().isZero()) {
				result.computeIfAbsent(currency, (c) -> new TreeMap<>()).put(month, figures.withoutCount());
			}
		}));
		return result;
	}

}
