package io.tally.events.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import io.tally.events.InvoiceStatus;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceEventDataTest {

	private static final InvoiceEventData DATA = new InvoiceEventData(UUID.randomUUID().toString(),
			Instant.parse("2026-11-02T10:15:30.123Z"), UUID.randomUUID().toString(), 3, UUID.randomUUID().toString(),
			15795, "EUR", InvoiceStatus.PAID, LocalDate.of(2026, 11, 2), Instant.parse("2026-11-03T08:00:00Z"),
			"tally-cli");

	@ParameterizedTest
	@EnumSource(InvoiceEventType.class)
	void writesEveryFieldToEachRecordTypeAndReadsItBack(InvoiceEventType type) {
		SpecificRecord record = DATA.toRecord(type);

		assertThat(record).isInstanceOf(type.recordClass());
		assertThat(InvoiceEventType.of(record)).contains(type);
		assertThat(InvoiceEventData.from(record)).isEqualTo(DATA);
	}

	@ParameterizedTest
	@EnumSource(InvoiceEventType.class)
	void knowsExactlyTheFieldsOfEachSchema(InvoiceEventType type) {
		// a field added to the .avsc files must be added here too, in the one Java place
		assertThat(type.schema().getFields().stream().map(Schema.Field::name))
			.containsExactlyElementsOf(Arrays.stream(InvoiceEventData.class.getRecordComponents())
				.map((component) -> component.getName())
				.toList());
	}

	@ParameterizedTest
	@EnumSource(InvoiceEventType.class)
	void namesTheEventTypeAfterTheRecord(InvoiceEventType type) {
		assertThat(type.recordName()).isEqualTo(type.schema().getName()).startsWith("Invoice");
	}

	@Test
	void findsNoTypeForOtherValues() {
		assertThat(InvoiceEventType.of("InvoiceCreated")).isEmpty();
		assertThat(InvoiceEventType.of(null)).isEmpty();
	}

}
