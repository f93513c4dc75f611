package io.tally.revenue.deadletter;

import java.util.Map;

/**
 * A value decoded for people: the event's fields, or why the bytes do not decode.
 *
 * @param event the event type ({@code type}) and its fields, or null
 * @param failure why decoding failed, or null
 */
public record DecodedValue(Map<String, Object> event, String failure) {

	/** A value that decoded to these fields. */
	public static DecodedValue of(Map<String, Object> event) {
		return new DecodedValue(event, null);
	}

	/** A value that did not decode. */
	public static DecodedValue failed(String failure) {
		return new DecodedValue(null, failure);
	}

}
