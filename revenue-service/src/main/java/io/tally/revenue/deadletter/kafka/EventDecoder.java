package io.tally.revenue.deadletter.kafka;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.tally.events.invoice.InvoiceEventData;
import io.tally.events.invoice.InvoiceEventType;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.revenue.deadletter.DecodedValue;
import io.tally.support.Causes;
import org.apache.avro.specific.SpecificRecord;

/**
 * Decodes dead-lettered values with the project's Avro deserializer (schemas from the
 * registry) into the invoice event fields, for the index and for people.
 */
final class EventDecoder {

	private final KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();

	private final String topic;

	EventDecoder(Map<String, Object> clientConfig, String topic) {
		Map<String, Object> config = new HashMap<>(clientConfig);
		config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
		this.deserializer.configure(config, false);
		this.topic = topic;
	}

	/**
	 * The event the bytes carry.
	 * @throws RuntimeException when they are no invoice event (or the registry cannot be
	 * reached)
	 */
	Event decode(byte[] value) {
		Object decoded = this.deserializer.deserialize(this.topic, value);
		InvoiceEventType type = InvoiceEventType.of(decoded)
			.orElseThrow(() -> new IllegalArgumentException(
					"not an invoice event: " + ((decoded != null) ? decoded.getClass().getName() : "no value")));
		return new Event(type, InvoiceEventData.from((SpecificRecord) decoded));
	}

	/** The event, or empty when the bytes do not decode to one. */
	Optional<Event> tryDecode(byte[] value) {
		try {
			return Optional.of(decode(value));
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** The event's type and fields for people, or why the bytes do not decode. */
	DecodedValue forPeople(byte[] value) {
		try {
			return DecodedValue.of(decode(value).asMap());
		}
		catch (RuntimeException ex) {
			Throwable root = Causes.root(ex);
			return DecodedValue.failed(root.getClass().getSimpleName() + ": " + root.getMessage());
		}
	}

	/**
	 * A decoded invoice event.
	 *
	 * @param type its type
	 * @param data its fields
	 */
	record Event(InvoiceEventType type, InvoiceEventData data) {

		/**
		 * {@code type} (the record name) and every field of the event, instants and dates
		 * as ISO-8601 text: the fields come from {@link InvoiceEventData}, their one
		 * home.
		 */
		Map<String, Object> asMap() {
			Map<String, Object> fields = new LinkedHashMap<>();
			fields.put("type", this.type.recordName());
			for (RecordComponent component : InvoiceEventData.class.getRecordComponents()) {
				fields.put(component.getName(), plain(read(component)));
			}
			return fields;
		}

		private Object read(RecordComponent component) {
			try {
				return component.getAccessor().invoke(this.data);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot read " + component.getName(), ex);
			}
		}

		private static Object plain(Object value) {
			return (value instanceof Instant || value instanceof LocalDate || value instanceof Enum<?>)
					? value.toString() : value;
		}

	}

}
