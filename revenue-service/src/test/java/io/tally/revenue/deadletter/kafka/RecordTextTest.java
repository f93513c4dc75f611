package io.tally.revenue.deadletter.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecordTextTest {

	@Test
	void keepsPrintableUtf8IncludingLineBreaks() {
		assertThat(RecordText.text("Größe\n\tat Foo.bar".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("Größe\n\tat Foo.bar");
	}

	@Test
	void showsBinaryAndControlCharactersAsHex() {
		assertThat(RecordText.text(new byte[] { (byte) 0xff, 0x00, 0x41 })).isEqualTo("0xff0041");
		// valid UTF-8, but a NUL that PostgreSQL's text refuses
		assertThat(RecordText.text(new byte[] { 0x41, 0x00 })).isEqualTo("0x4100");
		assertThat(RecordText.text(null)).isNull();
	}

	@Test
	void readsSpringsBinaryDeadLetterHeadersAsNumbers() {
		assertThat(RecordText.header("kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(5).array()))
			.isEqualTo("5");
		assertThat(RecordText.header("kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(1042).array()))
			.isEqualTo("1042");
		assertThat(RecordText.header("kafka_dlt-original-timestamp",
				ByteBuffer.allocate(8).putLong(1_796_000_000_000L).array()))
			.isEqualTo("2026-11-30T00:53:20Z");
		assertThat(RecordText.header("eventType", "InvoicePaid".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("InvoicePaid");
		assertThat(RecordText.header("kafka_dlt-original-offset", new byte[] { 1, 2, 3 })).isEqualTo("0x010203");
	}

}
