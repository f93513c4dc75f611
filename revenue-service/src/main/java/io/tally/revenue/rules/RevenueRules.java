package io.tally.revenue.rules;

import java.util.HashMap;
import java.util.Map;

/**
 * The revenue rules (UTC): a non-deleted invoice counts in {@code invoiced} for its issue
 * month, a PAID one in {@code collected} for its payment month, a PENDING one in
 * {@code pending} for its issue month.
 */
public final class RevenueRules {

	private RevenueRules() {
	}

	/**
	 * The contribution of one invoice state ({@code null} meaning "nothing known") to the
	 * buckets.
	 */
	public static Contribution contributionOf(InvoiceState state) {
		if (state == null || state.deleted()) {
			return Contribution.NONE;
		}
		long amount = state.amountMinor();
		boolean paid = state.status() == PaymentStatus.PAID;
		Map<MonthBucket, Figures> monthly = new HashMap<>();
		monthly.merge(new MonthBucket(state.issueMonth(), state.currency()),
				new Figures(amount, 0, paid ? 0 : amount, 0), Figures::plus);
		if (paid) {
			monthly.merge(new MonthBucket(state.paidMonth(), state.currency()), new Figures(0, amount, 0, 0),
					Figures::plus);
		}
		Figures customer = new Figures(amount, paid ? amount : 0, paid ? 0 : amount, 1);
		return new Contribution(monthly, Map.of(new CustomerBucket(state.customerId(), state.currency()), customer));
	}

}
