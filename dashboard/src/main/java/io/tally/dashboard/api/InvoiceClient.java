package io.tally.dashboard.api;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * invoice-service's API as the signed-in user. Every change sends the version the user
 * saw as {@code If-Match}, so a change made meanwhile by someone else is refused (412)
 * instead of being overwritten.
 */
@Component
public class InvoiceClient {

	/** The service's largest page. */
	static final int MAX_PAGE_SIZE = 200;

	private final RestClient http;

	InvoiceClient(@Qualifier("invoices") RestClient http) {
		this.http = http;
	}

	/** One page, newest first, optionally of one customer and one status. */
	public InvoicePage list(UUID customerId, InvoiceStatus status, int page, int size) {
		return this.http.get()
			.uri((uri) -> uri.path("/api/invoices")
				.queryParamIfPresent("customerId", Optional.ofNullable(customerId))
				.queryParamIfPresent("status", Optional.ofNullable(status))
				.queryParam("page", page)
				.queryParam("size", size)
				.build())
			.retrieve()
			.body(InvoicePage.class);
	}

	/**
	 * The customers of the newest {@code maxInvoices} invoices, newest first. The invoice
	 * API has no customer list, so the dashboard collects them from the invoices.
	 */
	public Set<UUID> customerIds(int maxInvoices) {
		Set<UUID> customers = new LinkedHashSet<>();
		int pages = Math.max(1, (maxInvoices + MAX_PAGE_SIZE - 1) / MAX_PAGE_SIZE);
		for (int page = 0; page < pages; page++) {
			InvoicePage invoices = list(null, null, page, MAX_PAGE_SIZE);
			invoices.content().forEach((invoice) -> customers.add(invoice.customerId()));
			if (page + 1 >= invoices.totalPages()) {
				break;
			}
		}
		return customers;
	}

	/** One invoice. */
	public Invoice get(UUID id) {
		return this.http.get().uri("/api/invoices/{id}", id).retrieve().body(Invoice.class);
	}

	/**
	 * Creates an invoice; the same {@code idempotencyKey} again (a form sent twice)
	 * returns the first result and creates nothing.
	 */
	public Invoice create(InvoiceDraft draft, String idempotencyKey) {
		return this.http.post()
			.uri("/api/invoices")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", idempotencyKey)
			.body(draft)
			.retrieve()
			.body(Invoice.class);
	}

	/** Replaces the invoice if it is still at {@code version}. */
	public Invoice replace(UUID id, InvoiceDraft draft, long version) {
		return this.http.put()
			.uri("/api/invoices/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.header(HttpHeaders.IF_MATCH, etag(version))
			.body(draft)
			.retrieve()
			.body(Invoice.class);
	}

	/** Marks the invoice paid now if it is still at {@code version}. */
	public Invoice pay(UUID id, long version) {
		return this.http.post()
			.uri("/api/invoices/{id}/payment", id)
			.header(HttpHeaders.IF_MATCH, etag(version))
			.retrieve()
			.body(Invoice.class);
	}

	/** Deletes the invoice if it is still at {@code version}. */
	public void delete(UUID id, long version) {
		this.http.delete()
			.uri("/api/invoices/{id}", id)
			.header(HttpHeaders.IF_MATCH, etag(version))
			.retrieve()
			.toBodilessEntity();
	}

	private static String etag(long version) {
		return "\"" + version + "\"";
	}

}
