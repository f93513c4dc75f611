package io.tally.revenue.projection.kafka;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

import io.tally.events.InvoiceStatus;
import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.revenue.rules.ChangeType;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceState;
import io.tally.revenue.rules.PaymentStatus;
import io.tally.support.validation.DateWindow;
import io.tally.support.validation.Money;
import org.apache.avro.specific.SpecificRecord;

/**
 * Maps the wire events to domain changes, validating them on the way: the one place that
 * knows the Avro types.
 */
final class EventMapper {

	private EventMapper() {
	}

	/**
	 * The change an event value carries.
	 * @throws InvalidEvent if the value is not one of the invoice events or breaks the
	 * contract
	 */
	static InvoiceChange toChange(Object value) {
		InvoiceEventType type = InvoiceEventType.of(value)
			.orElseThrow(() -> new InvalidEvent("unknown record type "
					+ ((value != null) ? value.getClass().getName() : "null (tombstone or empty value)")));
		return change(changeType(type), InvoiceEventData.from((SpecificRecord) value));
	}

	/** The rules' name of a wire event type (the same constant names). */
	static ChangeType changeType(InvoiceEventType type) {
		return ChangeType.valueOf(type.name());
	}

	/** The wire event type of a change type: its record name tags the metrics. */
	static InvoiceEventType eventType(ChangeType type) {
		return InvoiceEventType.valueOf(type.name());
	}

	private static InvoiceChange change(ChangeType type, InvoiceEventData event) {
		UUID eventId = uuid("eventId", event.eventId());
		UUID invoice = uuid("invoiceId", event.invoiceId());
		UUID customer = uuid("customerId", event.customerId());
		long version = event.invoiceVersion();
		long amountMinor = event.amountMinor();
		String currency = event.currency();
		InvoiceStatus status = event.status();
		require(version >= 1, "invoiceVersion must be >= 1, was " + version);
		require(event.occurredAt() != null, "occurredAt is missing");
		boolean deleted = type == ChangeType.DELETED;
		if (!deleted) {
			// a deleted invoice contributes nothing, so only live states must carry valid
			// money and dates
			require(Money.isValidAmount(amountMinor),
					"amountMinor must be 1.." + Money.MAX_AMOUNT_MINOR + ", was " + amountMinor);
			require(Money.isKnownCurrency(currency), "unknown currency " + currency);
			require(status != null, "status is missing");
			require(event.issueDate() != null, "issueDate is missing");
			require(DateWindow.contains(event.issueDate()),
					"issueDate " + DateWindow.MESSAGE + ", was " + event.issueDate());
			require(status != InvoiceStatus.PAID || event.paidAt() != null, "PAID without paidAt");
			require(status != InvoiceStatus.PAID || DateWindow.contains(event.paidAt()),
					"paidAt " + DateWindow.MESSAGE + ", was " + event.paidAt());
		}
		PaymentStatus paymentStatus = (status != null) ? PaymentStatus.valueOf(status.name()) : null;
		// a deletion keeps only the months the store can hold: it counts nowhere anyway,
		// and a deletion must never be refused for the dates of an invalid earlier state
		YearMonth issueMonth = DateWindow.contains(event.issueDate()) ? YearMonth.from(event.issueDate()) : null;
		YearMonth paidMonth = (paymentStatus == PaymentStatus.PAID && DateWindow.contains(event.paidAt()))
				? YearMonth.from(event.paidAt().atOffset(ZoneOffset.UTC)) : null;
		InvoiceState state = new InvoiceState(invoice, version, customer, currency, amountMinor, paymentStatus,
				issueMonth, paidMonth, deleted);
		return new InvoiceChange(eventId, type, event.occurredAt(), state);
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
