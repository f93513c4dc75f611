package io.tally.events.testing;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import org.apache.avro.specific.SpecificRecord;

/**
 * Valid invoice events of every type for the tests of every module (event-schemas'
 * test-jar): each has a fresh event id and occurred now, in milliseconds as on the wire.
 */
public final class InvoiceEvents {

	private static final Instant PAID_AT = Instant.parse("2026-03-04T10:15:30.123Z");

	private InvoiceEvents() {
	}

	/**
	 * The fields of an event, with a fresh event id, occurred now, made without a token
	 * ({@code changedBy} null).
	 */
	public static InvoiceEventData data(String invoiceId, long version, String customerId, long amountMinor,
			String currency, InvoiceStatus status, LocalDate issueDate, Instant paidAt) {
		return new InvoiceEventData(UUID.randomUUID().toString(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
				invoiceId, version, customerId, amountMinor, currency, status, issueDate, paidAt, null);
	}

	/** A creation of a PENDING invoice (version 1). */
	public static InvoiceCreated created(UUID invoice, UUID customer, long amountMinor, String currency,
			LocalDate issueDate) {
		return data(invoice.toString(), 1, customer.toString(), amountMinor, currency, InvoiceStatus.PENDING, issueDate,
				null)
			.toRecord(InvoiceEventType.CREATED);
	}

	/**
	 * A creation of a PENDING EUR invoice issued 2026-03-01 for a new customer; any text
	 * as invoice id.
	 */
	public static InvoiceCreated created(String invoiceId, long amountMinor) {
		return data(invoiceId, 1, UUID.randomUUID().toString(), amountMinor, "EUR", InvoiceStatus.PENDING,
				LocalDate.of(2026, 3, 1), null)
			.toRecord(InvoiceEventType.CREATED);
	}

	/** A replacement of the invoice's content. */
	public static InvoiceUpdated updated(UUID invoice, long version, UUID customer, long amountMinor, String currency,
			InvoiceStatus status, LocalDate issueDate, Instant paidAt) {
		return data(invoice.toString(), version, customer.toString(), amountMinor, currency, status, issueDate, paidAt)
			.toRecord(InvoiceEventType.UPDATED);
	}

	/** A payment. */
	public static InvoicePaid paid(UUID invoice, long version, UUID customer, long amountMinor, String currency,
			LocalDate issueDate, Instant paidAt) {
		return data(invoice.toString(), version, customer.toString(), amountMinor, currency, InvoiceStatus.PAID,
				issueDate, paidAt)
			.toRecord(InvoiceEventType.PAID);
	}

	/** A deletion of a PENDING invoice. */
	public static InvoiceDeleted deleted(UUID invoice, long version, UUID customer, long amountMinor, String currency,
			LocalDate issueDate) {
		return data(invoice.toString(), version, customer.toString(), amountMinor, currency, InvoiceStatus.PENDING,
				issueDate, null)
			.toRecord(InvoiceEventType.DELETED);
	}

	/**
	 * Every event type, each once PENDING (no paidAt) and once PAID (with paidAt), in
	 * version order.
	 */
	public static List<SpecificRecord> everyTypeWithAndWithoutPaidAt(String invoiceId) {
		List<String> currencies = List.of("EUR", "USD", "JPY", "GBP");
		List<SpecificRecord> events = new ArrayList<>();
		for (InvoiceEventType type : InvoiceEventType.values()) {
			long version = type.ordinal() + 1;
			String currency = currencies.get(type.ordinal());
			String customer = UUID.randomUUID().toString();
			LocalDate issued = LocalDate.of(2026, 3, 1);
			events.add(data(invoiceId, version, customer, 1000 * version, currency, InvoiceStatus.PENDING, issued, null)
				.toRecord(type));
			events.add(data(invoiceId, version, customer, 1000 * version + 1, currency, InvoiceStatus.PAID, issued,
					PAID_AT)
				.toRecord(type));
		}
		return events;
	}

}
