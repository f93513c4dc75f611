package io.tally.revenue.deadletter;

/**
 * Where a record sits in Kafka.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 */
public record RecordPosition(String topic, int partition, long offset) {

	@Override
	public String toString() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
