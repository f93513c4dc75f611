package io.tally.invoice.invoice;

/**
 * Stores a new invoice with one hand-written statement: the repository's generic save
 * spent more CPU deciding and mapping than the insert itself (about a fifth of a
 * creation's JFR samples, issue 12). Changes and deletions keep the repository's
 * optimistic lock. Answered by {@code storage.JdbcInvoiceInsert}: SQL stays out of the
 * domain.
 */
public interface InvoiceInsert {

	/** Inserts {@code invoice} as it is, version included. */
	void insert(Invoice invoice);

}
