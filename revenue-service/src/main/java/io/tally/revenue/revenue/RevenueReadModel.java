package io.tally.revenue.revenue;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.tally.revenue.rules.CustomerBucket;
import io.tally.revenue.rules.MonthBucket;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads the revenue buckets the projection maintains. Each read is one statement outside
 * a transaction: one snapshot and one round trip to the database.
 */
@Repository
class RevenueReadModel {

	/**
	 * The totals per currency of {@code :currencies} (comma-separated), or of all when
	 * {@code :all}; the projection keeps them per currency in slots, added up here.
	 */
	private static final String TOTALS = """
			SELECT currency, sum(invoiced_minor) AS invoiced, sum(collected_minor) AS collected,
			  sum(pending_minor) AS pending, sum(invoice_count) AS invoices
			FROM revenue_by_currency
			WHERE CAST(:all AS boolean) OR currency = ANY(string_to_array(CAST(:currencies AS text), ','))
			GROUP BY currency HAVING sum(invoice_count) <> 0""";

	/**
	 * The {@link #TOTALS} of all currencies on rows that also carry the other figures.
	 */
	private static final String SUMMARY = """
			SELECT t.*, (SELECT coalesce(sum(customers), 0) FROM customer_count) AS customers,
			  (SELECT max(occurred_at) FROM invoice_state) AS last_event_at
			FROM (SELECT 1) AS one LEFT JOIN (%s) AS t ON true ORDER BY t.currency""".formatted(TOTALS);

	private final JdbcClient jdbc;

	RevenueReadModel(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One entry per month of the range and per currency (zeros included): the given
	 * currency, or every currency with a non-zero figure in the range.
	 */
	List<MonthlyRevenue> monthly(MonthRange range, Optional<String> currency) {
		Map<String, MonthlyRevenue> byKey = new HashMap<>();
		TreeSet<String> currencies = new TreeSet<>();
		currency.ifPresent(currencies::add);
		this.jdbc.sql("""
				SELECT month, currency, invoiced_minor, collected_minor, pending_minor FROM revenue_by_month
				WHERE month BETWEEN :from AND :to AND (CAST(:currency AS varchar) IS NULL OR currency = :currency)
				  AND (invoiced_minor <> 0 OR collected_minor <> 0 OR pending_minor <> 0)""")
			.param("from", Date.valueOf(range.from().atDay(1)))
			.param("to", Date.valueOf(range.to().atDay(1)))
			.param("currency", currency.orElse(null))
			.query((rs, n) -> new MonthlyRevenue(YearMonth.from(rs.getDate("month").toLocalDate()).toString(),
					rs.getString("currency"), rs.getLong("invoiced_minor"), rs.getLong("collected_minor"),
					rs.getLong("pending_minor")))
			.list()
			.forEach((row) -> {
				byKey.put(row.month() + row.currency(), row);
				currencies.add(row.currency());
			});
		List<MonthlyRevenue> result = new ArrayList<>();
		for (YearMonth month : range.months()) {
			for (String code : currencies) {
				result.add(byKey.getOrDefault(month + code, new MonthlyRevenue(month.toString(), code, 0, 0, 0)));
			}
		}
		return List.copyOf(result);
	}

	/** The customer's totals per currency, or empty for a customer never seen. */
	Optional<CustomerRevenue> customer(UUID customerId) {
		List<CurrencyTotals> rows = this.jdbc.sql("""
				SELECT currency, invoiced_minor, collected_minor, pending_minor, invoice_count
				FROM revenue_by_customer WHERE customer_id = :customer ORDER BY currency""")
			.param("customer", customerId)
			.query((rs, n) -> new CurrencyTotals(rs.getString("currency"), rs.getLong("invoiced_minor"),
					rs.getLong("collected_minor"), rs.getLong("pending_minor"), rs.getLong("invoice_count")))
			.list();
		if (rows.isEmpty()) {
			return Optional.empty();
		}
		// a bucket whose invoices all moved away or were deleted holds only zeros: not
		// worth showing
		List<CurrencyTotals> totals = rows.stream().filter((t) -> t.invoiceCount() != 0).toList();
		return Optional.of(new CustomerRevenue(customerId, totals));
	}

	/**
	 * Totals per currency over all customers, the number of customers with invoices, and
	 * the newest event time: a few rows per currency, however many customers there are.
	 * One statement, so one snapshot and one round trip.
	 */
	RevenueSummary summary() {
		return this.jdbc.sql(SUMMARY).param("all", true).param("currencies", "").query((ResultSet rs) -> {
			List<CurrencyTotals> totals = new ArrayList<>();
			long customers = 0;
			Timestamp lastEventAt = null;
			while (rs.next()) {
				if (rs.getString("currency") != null) {
					totals.add(currencyTotals(rs));
				}
				customers = rs.getLong("customers");
				lastEventAt = rs.getTimestamp("last_event_at");
			}
			return new RevenueSummary(List.copyOf(totals), customers,
					(lastEventAt != null) ? lastEventAt.toInstant() : null);
		});
	}

	/**
	 * Totals of the given currencies ({@code null}: every currency), leaving out
	 * currencies without non-deleted invoices.
	 */
	List<CurrencyTotals> totals(Collection<String> currencies) {
		return this.jdbc.sql(TOTALS + " ORDER BY currency")
			.param("all", currencies == null)
			.param("currencies", (currencies != null) ? String.join(",", currencies) : "")
			.query((rs, n) -> currencyTotals(rs))
			.list();
	}

	private static CurrencyTotals currencyTotals(ResultSet rs) throws SQLException {
		return new CurrencyTotals(rs.getString("currency"), rs.getLong("invoiced"), rs.getLong("collected"),
				rs.getLong("pending"), rs.getLong("invoices"));
	}

	/** The current figures of the given monthly buckets (absent ones as zeros). */
	List<MonthlyRevenue> months(Collection<MonthBucket> buckets) {
		Map<MonthBucket, MonthlyRevenue> found = new HashMap<>();
		if (!buckets.isEmpty()) {
			this.jdbc.sql("""
					SELECT b.month, b.currency, b.invoiced_minor, b.collected_minor, b.pending_minor
					FROM revenue_by_month b JOIN unnest(CAST(string_to_array(:months, ',') AS date[]),
					  string_to_array(:currencies, ',')) AS k(month, currency) USING (month, currency)""")
				.param("months", join(buckets, (b) -> b.month().atDay(1).toString()))
				.param("currencies", join(buckets, MonthBucket::currency))
				.query((rs, n) -> new MonthlyRevenue(YearMonth.from(rs.getDate("month").toLocalDate()).toString(),
						rs.getString("currency"), rs.getLong("invoiced_minor"), rs.getLong("collected_minor"),
						rs.getLong("pending_minor")))
				.list()
				.forEach((row) -> found.put(new MonthBucket(YearMonth.parse(row.month()), row.currency()), row));
		}
		return buckets.stream()
			.sorted()
			.map((b) -> found.getOrDefault(b, new MonthlyRevenue(b.month().toString(), b.currency(), 0, 0, 0)))
			.toList();
	}

	/** The current figures of the given per-customer buckets (absent ones as zeros). */
	List<CustomerCurrencyRevenue> customers(Collection<CustomerBucket> buckets) {
		Map<CustomerBucket, CustomerCurrencyRevenue> found = new HashMap<>();
		if (!buckets.isEmpty()) {
			this.jdbc.sql("""
					SELECT b.customer_id, b.currency, b.invoiced_minor, b.collected_minor, b.pending_minor,
					  b.invoice_count
					FROM revenue_by_customer b JOIN unnest(CAST(string_to_array(:customers, ',') AS uuid[]),
					  string_to_array(:currencies, ',')) AS k(customer_id, currency) USING (customer_id, currency)""")
				.param("customers", join(buckets, (b) -> b.customerId().toString()))
				.param("currencies", join(buckets, CustomerBucket::currency))
				.query((rs, n) -> new CustomerCurrencyRevenue(rs.getObject("customer_id", UUID.class),
						rs.getString("currency"), rs.getLong("invoiced_minor"), rs.getLong("collected_minor"),
						rs.getLong("pending_minor"), rs.getLong("invoice_count")))
				.list()
				.forEach((row) -> found.put(new CustomerBucket(row.customerId(), row.currency()), row));
		}
		return buckets.stream()
			.sorted()
			.map((b) -> found.getOrDefault(b, new CustomerCurrencyRevenue(b.customerId(), b.currency(), 0, 0, 0, 0)))
			.toList();
	}

	private static <T> String join(Collection<T> buckets, Function<T, String> part) {
		return buckets.stream().map(part).collect(Collectors.joining(","));
	}

}
