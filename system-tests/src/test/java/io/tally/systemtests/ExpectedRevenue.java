package io.tally.systemtests;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Revenue figures recomputed from invoices by the rules of docs/api.md (UTC): invoiced by
 * month of issueDate for every non-deleted invoice, collected by month of paidAt for PAID
 * ones, pending by month of issueDate for PENDING ones.
 */
final class ExpectedRevenue {

	/**
	 * Sums of one bucket; {@code count} is the number of invoices (only meaningful for
	 * totals).
	 */
	record Figures(long invoiced, long collected, long pending, long count) {

		static final Figures ZERO = new Figures(0, 0, 0, 0);

		Figures plus(Figures other) {
			return new Figures(this.invoiced + other.invoiced, this.collected + other.collected,
					this.pending + other.pending, this.count + other.count);
		}

		Figures withoutCount() {
			return new Figures(this.invoiced, this.collected, this.pending, 0);
		}

		boolean isZero() {
			return this.invoiced == 0 && this.collected == 0 && this.pending == 0 && this.count == 0;
		}

	}

	/** currency → month → figures (count unused). */
	final Map<String, Map<YearMonth, Figures>> monthly = new TreeMap<>();

	/** customer → currency → figures with invoice count. */
	final Map<String, Map<String, Figures>> customers = new TreeMap<>();

	/** currency → figures with invoice count. */
	final Map<String, Figures> totals = new TreeMap<>();

	final int customerCount;

	final int invoiceCount;

	ExpectedRevenue(Collection<Invoice> invoices) {
		Set<String> customerIds = new HashSet<>();
		for (Invoice invoice : invoices) {
			long amount = invoice.amountMinor();
			YearMonth issueMonth = YearMonth.from(invoice.issueDate());
			add(invoice.currency(), issueMonth, new Figures(amount, 0, invoice.paid() ? 0 : amount, 0));
			if (invoice.paid()) {
				add(invoice.currency(), YearMonth.from(invoice.paidAt().atZone(ZoneOffset.UTC)),
						new Figures(0, amount, 0, 0));
			}
			Figures contribution = new Figures(amount, invoice.paid() ? amount : 0, invoice.paid() ? 0 : amount, 1);
			this.customers.computeIfAbsent(invoice.customerId(), (c) -> new TreeMap<>())
				.merge(invoice.currency(), contribution, Figures::plus);
			this.totals.merge(invoice.currency(), contribution, Figures::plus);
			customerIds.add(invoice.customerId());
		}
		this.customerCount = customerIds.size();
		this.invoiceCount = invoices.size();
	}

	private void add(String currency, YearMonth month, Figures figures) {
		this.monthly.computeIfAbsent(currency, (c) -> new TreeMap<>()).merge(month, figures, Figures::plus);
	}

	Figures month(String currency, YearMonth month) {
		return this.monthly.getOrDefault(currency, Map.of()).getOrDefault(month, Figures.ZERO);
	}

}
