package io.tally.revenue.projection.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import io.tally.revenue.rules.ChangeType;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceState;
import io.tally.revenue.rules.PaymentStatus;

/**
 * Maps the wire events to domain changes, validating them on the way: the one place that
 * knows the Avro types.
 */
final class EventMapper {

	/**
	 * Upper bound of an invoice amount (api.md); also keeps the bucket sums far from
	 * overflow.
	 */
	static final long MAX_AMOUNT_MINOR = 10_000_000_000_000L;

	private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	private EventMapper() {
	}

	/**
	 * The change an event value carries.
	 * @throws InvalidEvent if the value is not one of the invoice events or breaks the
	 * contract
	 */
	static InvoiceChange toChange(Object value) {
		if (value instanceof InvoiceCreated e) {
			return change(ChangeType.CREATED, e.getEventId(), e.getOccurredAt(), e.getInvoiceId(),
					e.getInvoiceVersion(), e.getCustomerId(), e.getAmountMinor(), e.getCurrency(), e.getStatus(),
					e.getIssueDate(), e.getPaidAt());
		}
		if (value instanceof InvoiceUpdated e) {
			return change(ChangeType.UPDATED, e.getEventId(), e.getOccurredAt(), e.getInvoiceId(),
					e.getInvoiceVersion(), e.getCustomerId(), e.getAmountMinor(), e.getCurrency(), e.getStatus(),
					e.getIssueDate(), e.getPaidAt());
		}
		if (value instanceof InvoicePaid e) {
			return change(ChangeType.PAID, e.getEventId(), e.getOccurredAt(), e.getInvoiceId(), e.getInvoiceVersion(),
					e.getCustomerId(), e.getAmountMinor(), e.getCurrency(), e.getStatus(), e.getIssueDate(),
					e.getPaidAt());
		}
		if (value instanceof InvoiceDeleted e) {
			return change(ChangeType.DELETED, e.getEventId(), e.getOccurredAt(), e.getInvoiceId(),
					e.getInvoiceVersion(), e.getCustomerId(), e.getAmountMinor(), e.getCurrency(), e.getStatus(),
					e.getIssueDate(), e.getPaidAt());
		}
		throw new InvalidEvent("unknown record type "
				+ ((value != null) ? value.getClass().getName() : "null (tombstone or empty value)"));
	}

	private static InvoiceChange change(ChangeType type, String eventId, Instant occurredAt, String invoiceId,
			long version, String customerId, long amountMinor, String currency, InvoiceStatus status,
			LocalDate issueDate, Instant paidAt) {
		UUID event = uuid("eventId", eventId);
		UUID invoice = uuid("invoiceId", invoiceId);
		UUID customer = uuid("customerId", customerId);
		require(version >= 1, "invoiceVersion must be >= 1, was " + version);
		require(occurredAt != null, "occurredAt is missing");
		boolean deleted = type == ChangeType.DELETED;
		if (!deleted) {
			// a deleted invoice contributes nothing, so only live states must carry valid
			// money
			require(amountMinor > 0 && amountMinor <= MAX_AMOUNT_MINOR,
					"amountMinor must be 1.." + MAX_AMOUNT_MINOR + ", was " + amountMinor);
			require(currency != null && CURRENCIES.contains(currency), "unknown currency " + currency);
			require(status != null, "status is missing");
			require(issueDate != null, "issueDate is missing");
			require(status != InvoiceStatus.PAID || paidAt != null, "PAID without paidAt");
		}
		PaymentStatus paymentStatus = (status != null) ? PaymentStatus.valueOf(status.name()) : null;
		YearMonth paidMonth = (paymentStatus == PaymentStatus.PAID && paidAt != null)
				? YearMonth.from(paidAt.atOffset(ZoneOffset.UTC)) : null;
		InvoiceState state = new InvoiceState(invoice, version, customer, currency, amountMinor, paymentStatus,
				(issueDate != null) ? YearMonth.from(issueDate) : null, paidMonth, deleted);
		return new InvoiceChange(event, type, occurredAt, state);
	}

	private static UUID uuid(String field, String value) {
		require(value != null && !value.isBlank(), field + " is missing");
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEvent(field + " is not a UUID");
		}
	}

	private static void require(boolean condition, String message) {
		if (!condition) {
			throw new InvalidEvent(message);
		}
	}

}
