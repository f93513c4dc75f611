package io.tally.dashboard.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.tally.dashboard.api.Invoice;
import io.tally.dashboard.web.Formats;

/**
 * What the invoice form sends, as typed: the dashboard turns it into an API request and
 * reports what it cannot read; everything else is validated by invoice-service.
 *
 * @param customerId the customer's id
 * @param amount the amount in the user's number format
 * @param currency ISO 4217 code
 * @param status {@code PENDING} or {@code PAID}
 * @param issueDate {@code YYYY-MM-DD}
 * @param paidOn {@code YYYY-MM-DD}, only with {@code PAID}
 * @param paidAt the exact time of payment the form was loaded with (kept when the day is
 * not changed)
 * @param idempotencyKey one per rendered create form: sending it twice creates one
 * invoice
 * @param version the version the edit form was loaded with ({@code If-Match})
 */
record InvoiceForm(String customerId, String amount, String currency, String status, String issueDate, String paidOn,
		String paidAt, String idempotencyKey, Long version) {

	/** A blank create form for today. */
	static InvoiceForm blank(LocalDate today, String customerId, String currency) {
		return new InvoiceForm((customerId != null) ? customerId : "", "", (currency != null) ? currency : "EUR",
				"PENDING", today.toString(), "", "", UUID.randomUUID().toString(), null);
	}

	/** The edit form of {@code invoice}. */
	static InvoiceForm of(Invoice invoice, Formats formats) {
		return new InvoiceForm(invoice.customerId().toString(),
				formats.amountInput(invoice.amountMinor(), invoice.currency()), invoice.currency(),
				invoice.status().name(), invoice.issueDate().toString(),
				(invoice.paidAt() != null) ? LocalDate.ofInstant(invoice.paidAt(), ZoneOffset.UTC).toString() : "",
				(invoice.paidAt() != null) ? invoice.paidAt().toString() : "", null, invoice.version());
	}

	/** The exact payment time to send: the loaded one if its day was kept. */
	Instant paidAtToSend(LocalDate paidOnDay) {
		if (paidOnDay == null) {
			return null;
		}
		if (this.paidAt != null && !this.paidAt.isBlank()) {
			Instant loaded = Instant.parse(this.paidAt);
			if (LocalDate.ofInstant(loaded, ZoneOffset.UTC).equals(paidOnDay)) {
				return loaded;
			}
		}
		return paidOnDay.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
