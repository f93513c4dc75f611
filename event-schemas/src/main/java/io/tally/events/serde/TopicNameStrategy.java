package io.tally.events.serde;

import org.apache.avro.Schema;

/**
 * Subject {@code <topic>-key} or {@code <topic>-value}: one schema lineage per topic
 * (Confluent's default).
 */
public class TopicNameStrategy implements SubjectNameStrategy {

	@Override
	public String subjectName(String topic, boolean isKey, Schema schema) {
		return topic + (isKey ? "-key" : "-value");
	}

}
