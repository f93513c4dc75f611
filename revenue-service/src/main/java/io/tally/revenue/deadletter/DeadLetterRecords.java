package io.tally.revenue.deadletter;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The dead-letter topic and the event topic as the operator endpoints need them,
 * implemented by the Kafka adapter ({@code deadletter.kafka}).
 */
public interface DeadLetterRecords {

	/**
	 * Reads records from the dead-letter topic; a position the topic no longer holds
	 * (retention) is absent from the answer.
	 * @throws DeadLetterTopicUnavailable if the broker cannot be reached in time
	 */
	Map<RecordPosition, StoredRecord> read(Collection<RecordPosition> positions);

	/**
	 * Sends the record's key and value bytes and its headers without the dead-letter ones
	 * to the event topic and waits for the acknowledgement.
	 * @return where the record landed
	 * @throws DeadLetterTopicUnavailable if the broker does not acknowledge in time
	 */
	RecordPosition redrive(StoredRecord record);

	/** Decodes a value for people; never throws. */
	DecodedValue decode(byte[] value);

	/** The record names of the events the event topic carries (the type filter). */
	Set<String> eventTypes();

}
