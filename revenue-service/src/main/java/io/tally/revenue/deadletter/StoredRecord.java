package io.tally.revenue.deadletter;

import java.util.List;

/**
 * A record as it is stored in the dead-letter topic: the original key and value bytes and
 * every header, each also rendered as text for people.
 *
 * @param position where it is
 * @param key the key bytes (null when the record has none)
 * @param value the value bytes (null when the record has none)
 * @param headers the headers in order (a name may repeat)
 */
public record StoredRecord(RecordPosition position, byte[] key, byte[] value, List<Header> headers) {

	public StoredRecord {
		headers = List.copyOf(headers);
	}

	/**
	 * One header.
	 *
	 * @param name its name
	 * @param value its bytes (null for a header without value)
	 * @param text its value for people: UTF-8 text, a number for Spring's binary
	 * {@code kafka_dlt-original-*} headers, else hex
	 */
	public record Header(String name, byte[] value, String text) {

	}

}
