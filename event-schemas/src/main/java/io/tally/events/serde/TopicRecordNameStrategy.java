package io.tally.events.serde;

import org.apache.avro.Schema;

/**
 * Subject {@code <topic>-<record full name>}: several record types on one topic, each
 * with its own lineage (what invoice-events uses).
 */
public class TopicRecordNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return topic + "-" + schema.getFullName();
	}

}
