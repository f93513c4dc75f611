package io.tally.events.serde;

import org.apache.avro.Schema;

/**
 * Chooses the registry subject a record's schema is registered under.
 */
public interface SubjectNameStrategy {

	/**
	 * The subject for a schema written to a topic.
	 * @param topic the Kafka topic
	 * @param isKey whether the serde handles record keys
	 * @param schema the record's schema
	 */
	String subjectName(String topic, boolean isKey, Schema schema);

}
