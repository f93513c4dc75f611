package io.tally.revenue.projection.store;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.tally.revenue.IntegrationTestBase;
import io.tally.revenue.rules.BucketDeltas;
import io.tally.revenue.rules.CustomerBucket;
import io.tally.revenue.rules.Figures;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceHistories;
import io.tally.revenue.rules.MonthBucket;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The property of {@code RevenueProjectionPropertyTest}, fewer cases, against the real
 * PostgreSQL store: random histories delivered with duplicates, reordering, gaps and
 * random batching leave exactly the buckets a recomputation from the final states gives,
 * and totals (per currency, per customer, the customer count) that equal the aggregate of
 * those buckets. Each case owns its customers and a pair of far-future years.
 */
class BatchApplierPropertyTest extends IntegrationTestBase {

	private static final int CASES = 60;

	private static final int CONCURRENT_CASES = 30;

	@Autowired
	BatchApplier batches;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void storedBucketsAndTotalsEqualARecomputationFromFinalStates() {
		List<String> driftBefore = ProjectionTotals.drift(this.jdbc);
		long seed = Long.getLong("tally.seed", System.nanoTime());
		Random random = new Random(seed);
		for (int i = 0; i < CASES; i++) {
			int firstYear = 3000 + 2 * i;
			try {
				InvoiceHistories.Scenario scenario = InvoiceHistories.generate(random, firstYear);
				for (List<InvoiceChange> batch : InvoiceHistories.batches(random, scenario.deliveries())) {
					this.batches.apply(batch, SourcePositions.none("invoice-events"));
				}
				BucketDeltas expected = InvoiceHistories.recompute(scenario.finalStates());
				assertThat(storedMonthly(firstYear)).isEqualTo(expected.monthly());
				assertThat(storedCustomer(scenario)).isEqualTo(expected.customer());
				assertThat(storedVersions(scenario)).isEqualTo(finalVersions(scenario));
				assertThat(ProjectionTotals.drift(this.jdbc)).as("totals against the buckets").isEqualTo(driftBefore);
			}
			catch (AssertionError | RuntimeException ex) {
				fail("case " + i + " failed; replay with -Dtally.seed=" + seed, ex);
			}
		}
	}

	@Test
	void concurrentConsumersOfOverlappingDeliveriesConvergeOnTheSameFiguresAndTotals() throws Exception {
		List<String> driftBefore = ProjectionTotals.drift(this.jdbc);
		long seed = Long.getLong("tally.seed", System.nanoTime());
		Random random = new Random(seed);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			for (int i = 0; i < CONCURRENT_CASES; i++) {
				int firstYear = 5000 + 2 * i;
				try {
					InvoiceHistories.Scenario scenario = InvoiceHistories.generate(random, firstYear);
					// two consumers deliver the same records (a rebalance overlap),
					// batched differently
					List<List<InvoiceChange>> first = InvoiceHistories.batches(random, scenario.deliveries());
					List<List<InvoiceChange>> second = InvoiceHistories.batches(random, scenario.deliveries());
					// as if from different partitions: different totals slots
					List<Future<?>> runs = List.of(pool.submit(() -> applyAll(first, 1)),
							pool.submit(() -> applyAll(second, 4)));
					for (Future<?> run : runs) {
						run.get(60, TimeUnit.SECONDS);
					}
					BucketDeltas expected = InvoiceHistories.recompute(scenario.finalStates());
					assertThat(storedMonthly(firstYear)).isEqualTo(expected.monthly());
					assertThat(storedCustomer(scenario)).isEqualTo(expected.customer());
					assertThat(ProjectionTotals.drift(this.jdbc)).as("totals against the buckets")
						.isEqualTo(driftBefore);
				}
				catch (AssertionError | RuntimeException ex) {
					fail("case " + i + " failed; replay with -Dtally.seed=" + seed, ex);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void applyAll(List<List<InvoiceChange>> batches, int partition) {
		// a topic of its own: the positions must not move those of the service's consumer
		SourcePositions positions = new SourcePositions("batch-applier-test", Map.of(partition, 0L));
		for (List<InvoiceChange> batch : batches) {
			this.batches.apply(batch, positions);
		}
	}

	private Map<MonthBucket, Figures> storedMonthly(int firstYear) {
		Map<MonthBucket, Figures> stored = new TreeMap<>();
		this.jdbc.query("""
				SELECT month, currency, invoiced_minor, collected_minor, pending_minor FROM revenue_by_month
				WHERE month BETWEEN ? AND ?""", (rs) -> {
			Figures figures = new Figures(rs.getLong(3), rs.getLong(4), rs.getLong(5), 0);
			if (!figures.isZero()) {
				stored.put(new MonthBucket(YearMonth.from(rs.getDate(1).toLocalDate()), rs.getString(2)), figures);
			}
		}, java.sql.Date.valueOf(firstYear + "-01-01"), java.sql.Date.valueOf((firstYear + 1) + "-12-01"));
		return stored;
	}

	private Map<CustomerBucket, Figures> storedCustomer(InvoiceHistories.Scenario scenario) {
		Map<CustomerBucket, Figures> stored = new TreeMap<>();
		this.jdbc.query("""
				SELECT customer_id, currency, invoiced_minor, collected_minor, pending_minor, invoice_count
				FROM revenue_by_customer WHERE customer_id = ANY(?::uuid[])""", (rs) -> {
			Figures figures = new Figures(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
			if (!figures.isZero()) {
				stored.put(new CustomerBucket(rs.getObject(1, java.util.UUID.class), rs.getString(2)), figures);
			}
		}, (Object) scenario.customers().stream().map(Object::toString).toArray(String[]::new));
		return stored;
	}

	private Map<String, Long> storedVersions(InvoiceHistories.Scenario scenario) {
		Map<String, Long> versions = new TreeMap<>();
		for (var state : scenario.finalStates()) {
			versions.put(state.invoiceId().toString(), this.jdbc.queryForObject(
					"SELECT version FROM invoice_state WHERE invoice_id = ?", Long.class, state.invoiceId()));
		}
		return versions;
	}

	private static Map<String, Long> finalVersions(InvoiceHistories.Scenario scenario) {
		Map<String, Long> versions = new TreeMap<>();
		scenario.finalStates().forEach((state) -> versions.put(state.invoiceId().toString(), state.version()));
		return versions;
	}

}
