package io.tally.revenue.rules;

import java.time.Instant;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevenueProjectionTest {

	private static final UUID INVOICE = UUID.randomUUID();

	private static final UUID ALICE = UUID.randomUUID();

	private static final UUID BOB = UUID.randomUUID();

	private static final YearMonth OCTOBER = YearMonth.of(2026, 10);

	private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

	@Test
	void movesTheContributionWhenCustomerCurrencyAndMonthChange() {
		InvoiceState v1 = new InvoiceState(INVOICE, 1, ALICE, "USD", 1000, PaymentStatus.PENDING, OCTOBER, null, false);
		InvoiceState v2 = new InvoiceState(INVOICE, 2, BOB, "EUR", 2500, PaymentStatus.PENDING, NOVEMBER, null, false);

		RevenueProjection.Result result = RevenueProjection.apply(Map.of(INVOICE, v1),
				List.of(change(ChangeType.UPDATED, v2)));

		assertThat(result.outcomes()).containsExactly(RevenueProjection.Outcome.APPLIED);
		assertThat(result.changedStates()).containsEntry(INVOICE, v2);
		assertThat(result.deltas().monthly()).containsExactlyInAnyOrderEntriesOf(Map.of(new MonthBucket(OCTOBER, "USD"),
				new Figures(-1000, 0, -1000, 0), new MonthBucket(NOVEMBER, "EUR"), new Figures(2500, 0, 2500, 0)));
		assertThat(result.deltas().customer())
			.containsExactlyInAnyOrderEntriesOf(Map.of(new CustomerBucket(ALICE, "USD"),
					new Figures(-1000, 0, -1000, -1), new CustomerBucket(BOB, "EUR"), new Figures(2500, 0, 2500, 1)));
	}

	@Test
	void skipsOlderAndEqualVersionsAsStale() {
		InvoiceState v2 = new InvoiceState(INVOICE, 2, ALICE, "USD", 1000, PaymentStatus.PAID, OCTOBER, OCTOBER, false);
		InvoiceState v1 = new InvoiceState(INVOICE, 1, ALICE, "USD", 999, PaymentStatus.PENDING, OCTOBER, null, false);

		RevenueProjection.Result result = RevenueProjection.apply(Map.of(INVOICE, v2),
				List.of(change(ChangeType.CREATED, v1), change(ChangeType.PAID, v2)));

		assertThat(result.outcomes()).containsExactly(RevenueProjection.Outcome.STALE, RevenueProjection.Outcome.STALE);
		assertThat(result.count(RevenueProjection.Outcome.STALE)).isEqualTo(2);
		assertThat(result.changedStates()).isEmpty();
		assertThat(result.deltas().monthly()).isEmpty();
		assertThat(result.deltas().customer()).isEmpty();
	}

	@Test
	void deletionRemovesAllMoneyAndGuardsAgainstLateOlderVersions() {
		InvoiceState v1 = new InvoiceState(INVOICE, 1, ALICE, "USD", 1000, PaymentStatus.PENDING, OCTOBER, null, false);
		InvoiceState v2 = new InvoiceState(INVOICE, 2, ALICE, "USD", 1000, PaymentStatus.PAID, OCTOBER, NOVEMBER,
				false);
		InvoiceState deleted = new InvoiceState(INVOICE, 3, ALICE, "USD", 1000, PaymentStatus.PAID, OCTOBER, NOVEMBER,
				true);

		RevenueProjection.Result result = RevenueProjection.apply(new HashMap<>(), List
			.of(change(ChangeType.CREATED, v1), change(ChangeType.DELETED, deleted), change(ChangeType.PAID, v2)));

		assertThat(result.outcomes()).containsExactly(RevenueProjection.Outcome.APPLIED,
				RevenueProjection.Outcome.APPLIED, RevenueProjection.Outcome.STALE);
		assertThat(result.changedStates()).containsEntry(INVOICE, deleted);
		assertThat(result.deltas().monthly()).isEmpty();
		assertThat(result.deltas().customer()).isEmpty();
	}

	private static InvoiceChange change(ChangeType type, InvoiceState state) {
		return new InvoiceChange(UUID.randomUUID(), type, Instant.now(), state);
	}

}
