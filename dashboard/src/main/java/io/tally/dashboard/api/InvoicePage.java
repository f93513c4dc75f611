package io.tally.dashboard.api;

import java.util.List;

/**
 * One page of invoices, newest first.
 *
 * @param content the invoices
 * @param page zero-based page number
 * @param size page size
 * @param totalElements invoices matching the filter
 */
public record InvoicePage(List<Invoice> content, int page, int size, long totalElements) {

	public InvoicePage {
		content = (content != null) ? List.copyOf(content) : List.of();
	}

	/** Number of pages (at least one). */
	public int totalPages() {
		return (int) Math.max(1, (this.totalElements + this.size - 1) / Math.max(1, this.size));
	}

}
