package io.tally.invoice.invoice;

import java.util.List;

/** One page of invoices, newest first. */
record InvoicePage(List<Invoice> content, int page, int size, long totalElements) {

}
