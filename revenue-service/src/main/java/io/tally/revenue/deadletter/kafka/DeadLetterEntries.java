package io.tally.revenue.deadletter.kafka;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.tally.events.invoice.InvoiceEventHeaders;
import io.tally.revenue.deadletter.NewDeadLetter;
import io.tally.revenue.deadletter.RecordPosition;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Turns a record of the dead-letter topic into an index entry: the event's id, type and
 * version from its headers, else from its decoded bytes; the failure and the original
 * position from Spring's {@code kafka_dlt-*} headers. Never throws on odd records: what
 * cannot be read stays null, so one strange record cannot stop the index.
 */
final class DeadLetterEntries {

	private static final int MAX_EVENT_TYPE_LENGTH = 100;

	private static final String CAUSED_BY = "Caused by: ";

	private DeadLetterEntries() {
	}

	static NewDeadLetter from(ConsumerRecord<byte[], byte[]> record, EventDecoder decoder) {
		Headers headers = record.headers();
		String key = RecordText.text(record.key());
		String eventId = text(headers, InvoiceEventHeaders.EVENT_ID);
		String eventType = text(headers, InvoiceEventHeaders.EVENT_TYPE);
		Long version = number(text(headers, InvoiceEventHeaders.INVOICE_VERSION));
		UUID invoiceId = uuid(key);
		if ((eventId == null || eventType == null || version == null || invoiceId == null) && record.value() != null) {
			Optional<EventDecoder.Event> event = decoder.tryDecode(record.value());
			if (event.isPresent()) {
				eventId = (eventId != null) ? eventId : event.get().data().eventId();
				eventType = (eventType != null) ? eventType : event.get().type().recordName();
				version = (version != null) ? version : event.get().data().invoiceVersion();
				invoiceId = (invoiceId != null) ? invoiceId : uuid(event.get().data().invoiceId());
			}
		}
		if (eventType != null && eventType.length() > MAX_EVENT_TYPE_LENGTH) {
			eventType = null;
		}
		RootCause root = rootCause(text(headers, KafkaHeaders.DLT_EXCEPTION_STACKTRACE));
		return new NewDeadLetter(new RecordPosition(record.topic(), record.partition(), record.offset()),
				(record.timestamp() >= 0) ? Instant.ofEpochMilli(record.timestamp()) : null, key, invoiceId, eventId,
				eventType, version, (record.value() != null) ? record.value().length : null, original(headers),
				instant(headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)),
				text(headers, KafkaHeaders.DLT_EXCEPTION_FQCN), text(headers, KafkaHeaders.DLT_EXCEPTION_MESSAGE),
				root.className(), root.message());
	}

	/**
	 * The innermost cause named in the stack trace header (its last {@code Caused by:}
	 * line): Spring's exception header names the outer failure, e.g. its
	 * {@code DeserializationException} with the message "failed to deserialize", while
	 * the root says what was wrong with the bytes.
	 */
	static RootCause rootCause(String stackTrace) {
		if (stackTrace == null) {
			return RootCause.NONE;
		}
		String last = null;
		for (String line : stackTrace.split("\\R")) {
			if (line.startsWith(CAUSED_BY)) {
				last = line.substring(CAUSED_BY.length()).strip();
			}
		}
		if (last == null || last.isEmpty()) {
			return RootCause.NONE;
		}
		int separator = last.indexOf(": ");
		return (separator < 0) ? new RootCause(last, null)
				: new RootCause(last.substring(0, separator), last.substring(separator + 2));
	}

	/**
	 * A failure's innermost cause.
	 *
	 * @param className its class (null: unknown, or the failure is its own root)
	 * @param message its message
	 */
	record RootCause(String className, String message) {

		static final RootCause NONE = new RootCause(null, null);

	}

	private static RecordPosition original(Headers headers) {
		String topic = text(headers, KafkaHeaders.DLT_ORIGINAL_TOPIC);
		Header partition = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION);
		Header offset = headers.lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET);
		if (topic == null || !sized(partition, Integer.BYTES) || !sized(offset, Long.BYTES)) {
			return null;
		}
		return new RecordPosition(topic, ByteBuffer.wrap(partition.value()).getInt(),
				ByteBuffer.wrap(offset.value()).getLong());
	}

	private static Instant instant(Header header) {
		return sized(header, Long.BYTES) ? Instant.ofEpochMilli(ByteBuffer.wrap(header.value()).getLong()) : null;
	}

	private static boolean sized(Header header, int bytes) {
		return header != null && header.value() != null && header.value().length == bytes;
	}

	private static String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null) ? RecordText.text(header.value()) : null;
	}

	private static Long number(String text) {
		try {
			return (text != null) ? Long.valueOf(text) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static UUID uuid(String text) {
		try {
			return (text != null) ? UUID.fromString(text) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
