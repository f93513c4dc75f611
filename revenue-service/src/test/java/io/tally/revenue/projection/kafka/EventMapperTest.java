package io.tally.revenue.projection.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;

import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceStatus;
import io.tally.events.InvoiceUpdated;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.rules.ChangeType;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.PaymentStatus;
import io.tally.support.validation.Money;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventMapperTest {

	private static final UUID INVOICE = UUID.randomUUID();

	private static final UUID CUSTOMER = UUID.randomUUID();

	private static final LocalDate ISSUED = LocalDate.of(2026, 11, 2);

	@Test
	void mapsAPaidEventToItsStateWithPaymentMonthInUtc() {
		InvoicePaid event = paid(Instant.parse("2026-12-31T23:30:00Z"));

		InvoiceChange change = EventMapper.toChange(event);

		assertThat(change.type()).isEqualTo(ChangeType.PAID);
		assertThat(change.eventId()).hasToString(event.getEventId());
		assertThat(change.version()).isEqualTo(3);
		assertThat(change.state().status()).isEqualTo(PaymentStatus.PAID);
		assertThat(change.state().issueMonth()).isEqualTo(YearMonth.of(2026, 11));
		assertThat(change.state().paidMonth()).isEqualTo(YearMonth.of(2026, 12));
		assertThat(change.state().deleted()).isFalse();
	}

	@Test
	void mapsADeletionToATombstoneThatKeepsItsVersion() {
		InvoiceDeleted event = InvoiceEvents.deleted(INVOICE, 7, CUSTOMER, 100, "USD", ISSUED);

		InvoiceChange change = EventMapper.toChange(event);

		assertThat(change.type()).isEqualTo(ChangeType.DELETED);
		assertThat(change.state().deleted()).isTrue();
		assertThat(change.version()).isEqualTo(7);
	}

	@Test
	void rejectsNonPositiveAndOversizedAmounts() {
		assertInvalid(updated().setAmountMinor(0), "amountMinor");
		assertInvalid(updated().setAmountMinor(-5), "amountMinor");
		assertInvalid(updated().setAmountMinor(Money.MAX_AMOUNT_MINOR + 1), "amountMinor");
	}

	@Test
	void rejectsUnknownCurrencies() {
		assertInvalid(updated().setCurrency("XQZ"), "currency");
		assertInvalid(updated().setCurrency("usd"), "currency");
	}

	@Test
	void rejectsPaidWithoutPaidAt() {
		assertInvalid(updated().setStatus(InvoiceStatus.PAID).setPaidAt(null), "PAID without paidAt");
	}

	@Test
	void rejectsMissingOrMalformedIds() {
		assertInvalid(updated().setInvoiceId(""), "invoiceId");
		assertInvalid(updated().setCustomerId("customer-7"), "customerId");
		assertInvalid(updated().setEventId(" "), "eventId");
		assertInvalid(updated().setInvoiceVersion(0), "invoiceVersion");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1899-12-31", "2200-01-01", "0000-01-01", "+10000-01-01" })
	void rejectsIssueDatesOutsideTheWindow(String date) {
		assertInvalid(updated().setIssueDate(LocalDate.parse(date)), "issueDate must lie between 1900-01-01");
	}

	@ParameterizedTest
	@ValueSource(strings = { "1899-12-31T23:59:59.999Z", "2200-01-01T00:00:00Z", "+10000-01-01T00:00:00Z" })
	void rejectsPaymentsOutsideTheWindow(String instant) {
		assertInvalid(updated().setStatus(InvoiceStatus.PAID).setPaidAt(Instant.parse(instant)),
				"paidAt must lie between 1900-01-01");
	}

	@Test
	void acceptsTheWindowsEdges() {
		InvoiceChange first = EventMapper.toChange(updated().setIssueDate(LocalDate.parse("1900-01-01"))
			.setStatus(InvoiceStatus.PAID)
			.setPaidAt(Instant.parse("1900-01-01T00:00:00Z"))
			.build());
		InvoiceChange last = EventMapper.toChange(updated().setIssueDate(LocalDate.parse("2199-12-31"))
			.setStatus(InvoiceStatus.PAID)
			.setPaidAt(Instant.parse("2199-12-31T23:59:59.999Z"))
			.build());

		assertThat(first.state().issueMonth()).isEqualTo(YearMonth.of(1900, 1));
		assertThat(first.state().paidMonth()).isEqualTo(YearMonth.of(1900, 1));
		assertThat(last.state().issueMonth()).isEqualTo(YearMonth.of(2199, 12));
		assertThat(last.state().paidMonth()).isEqualTo(YearMonth.of(2199, 12));
	}

	@Test
	void appliesADeletionWhateverItsDatesAndKeepsNoneOutsideTheWindow() {
		InvoiceDeleted event = InvoiceEvents.deleted(INVOICE, 7, CUSTOMER, 100, "USD", LocalDate.parse("+10000-01-01"));

		InvoiceChange change = EventMapper.toChange(event);

		assertThat(change.state().deleted()).isTrue();
		assertThat(change.state().issueMonth()).isNull();
	}

	@Test
	void rejectsUnknownRecordTypesAndEmptyValues() {
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> EventMapper.toChange("a string"))
			.withMessageContaining("unknown record type");
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> EventMapper.toChange(null))
			.withMessageContaining("null");
	}

	@ParameterizedTest
	@EnumSource(InvoiceEventType.class)
	void mapsEveryWireEventTypeToAChangeTypeAndBack(InvoiceEventType type) {
		assertThat(EventMapper.eventType(EventMapper.changeType(type))).isEqualTo(type);
	}

	private static void assertInvalid(InvoiceUpdated.Builder event, String message) {
		assertThatExceptionOfType(InvalidEvent.class).isThrownBy(() -> EventMapper.toChange(event.build()))
			.withMessageContaining(message);
	}

	private static InvoiceUpdated.Builder updated() {
		return InvoiceUpdated
			.newBuilder(InvoiceEvents.updated(INVOICE, 2, CUSTOMER, 15795, "USD", InvoiceStatus.PENDING, ISSUED, null));
	}

	private static InvoicePaid paid(Instant paidAt) {
		return InvoiceEvents.paid(INVOICE, 3, CUSTOMER, 15795, "USD", ISSUED, paidAt);
	}

}
