package io.tally.revenue.projection.kafka;

import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The {@link ErrorHandlingDeserializer} around the Avro deserializer that also keeps the
 * original value bytes of a successfully deserialized record in a transient header, so
 * that an event that later fails validation is dead-lettered byte for byte (failed
 * deserializations already carry their bytes in Spring's exception header).
 */
public class RawValueKeepingDeserializer extends ErrorHandlingDeserializer<Object> {

	/** Consumer-side only: removed again before a record is dead-lettered. */
	static final String RAW_VALUE_HEADER = "tally_raw_value";

	@Override
	public Object deserialize(String topic, Headers headers, byte[] data) {
		Object value = super.deserialize(topic, headers, data);
		if (value != null && data != null && headers != null) {
			headers.add(RAW_VALUE_HEADER, data);
		}
		return value;
	}

}
