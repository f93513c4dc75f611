package io.tally.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A payload ends before its header or its Avro body is complete.
 */
public class TruncatedPayloadException extends SerializationException {

	public TruncatedPayloadException(String message) {
		super(message);
	}

	public TruncatedPayloadException(String message, Throwable cause) {
		super(message, cause);
	}

}
