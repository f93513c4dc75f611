package io.tally.revenue.rules;

/**
 * The amounts a bucket holds, in minor units of the bucket's currency.
 *
 * @param invoicedMinor sum of non-deleted invoices
 * @param collectedMinor sum of PAID invoices
 * @param pendingMinor sum of PENDING invoices
 * @param invoiceCount number of non-deleted invoices (only kept per customer)
 */
public record Figures(long invoicedMinor, long collectedMinor, long pendingMinor, long invoiceCount) {

	/** Nothing at all. */
	public static final Figures ZERO = new Figures(0, 0, 0, 0);

	/** The sum of both figures; overflow is an error, never a silent wrap. */
	public Figures plus(Figures other) {
		return new Figures(Math.addExact(this.invoicedMinor, other.invoicedMinor),
				Math.addExact(this.collectedMinor, other.collectedMinor),
				Math.addExact(this.pendingMinor, other.pendingMinor),
				Math.addExact(this.invoiceCount, other.invoiceCount));
	}

	/** The figures with every sign flipped (what subtracting a contribution adds). */
	public Figures negated() {
		return new Figures(-this.invoicedMinor, -this.collectedMinor, -this.pendingMinor, -this.invoiceCount);
	}

	/** Whether every figure is zero. */
	public boolean isZero() {
		return this.invoicedMinor == 0 && this.collectedMinor == 0 && this.pendingMinor == 0 && this.invoiceCount == 0;
	}

}
