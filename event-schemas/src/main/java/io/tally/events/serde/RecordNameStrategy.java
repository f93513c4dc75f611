package io.tally.events.serde;

import org.apache.avro.Schema;

/**
 * Subject = the record's full name: one lineage per record type, shared by all topics.
 */
public class RecordNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return schema.getFullName();
	}

}
