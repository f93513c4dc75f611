package io.tally.revenue.rules;

import java.time.YearMonth;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RevenueRulesTest {

	private static final UUID INVOICE = UUID.randomUUID();

	private static final UUID CUSTOMER = UUID.randomUUID();

	private static final YearMonth NOVEMBER = YearMonth.of(2026, 11);

	private static final YearMonth MARCH = YearMonth.of(2026, 3);

	@Test
	void pendingInvoiceCountsAsInvoicedAndPendingInItsIssueMonth() {
		Contribution contribution = RevenueRules.contributionOf(state(PaymentStatus.PENDING, null, false));

		assertThat(contribution.monthly())
			.isEqualTo(Map.of(new MonthBucket(NOVEMBER, "EUR"), new Figures(15795, 0, 15795, 0)));
		assertThat(contribution.customer())
			.isEqualTo(Map.of(new CustomerBucket(CUSTOMER, "EUR"), new Figures(15795, 0, 15795, 1)));
	}

	@Test
	void paidInvoiceCountsAsCollectedInItsPaymentMonth() {
		Contribution contribution = RevenueRules.contributionOf(state(PaymentStatus.PAID, MARCH, false));

		assertThat(contribution.monthly()).isEqualTo(Map.of(new MonthBucket(NOVEMBER, "EUR"),
				new Figures(15795, 0, 0, 0), new MonthBucket(MARCH, "EUR"), new Figures(0, 15795, 0, 0)));
		assertThat(contribution.customer())
			.isEqualTo(Map.of(new CustomerBucket(CUSTOMER, "EUR"), new Figures(15795, 15795, 0, 1)));
	}

	@Test
	void paidInTheIssueMonthFillsOneBucket() {
		Contribution contribution = RevenueRules.contributionOf(state(PaymentStatus.PAID, NOVEMBER, false));

		assertThat(contribution.monthly())
			.isEqualTo(Map.of(new MonthBucket(NOVEMBER, "EUR"), new Figures(15795, 15795, 0, 0)));
	}

	@Test
	void deletedOrUnknownInvoicesContributeNothing() {
		assertThat(RevenueRules.contributionOf(state(PaymentStatus.PAID, MARCH, true))).isEqualTo(Contribution.NONE);
		assertThat(RevenueRules.contributionOf(null)).isEqualTo(Contribution.NONE);
	}

	private static InvoiceState state(PaymentStatus status, YearMonth paidMonth, boolean deleted) {
		return new InvoiceState(INVOICE, 3, CUSTOMER, "EUR", 15795, status, NOVEMBER, paidMonth, deleted);
	}

}
