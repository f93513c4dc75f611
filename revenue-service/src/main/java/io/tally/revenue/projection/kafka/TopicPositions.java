package io.tally.revenue.projection.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tally.revenue.projection.store.SourcePositions;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The store's positions of a run of consumed records: per partition, the offset after the
 * last one.
 */
final class TopicPositions {

	private TopicPositions() {
	}

	static SourcePositions after(String topic, List<? extends ConsumerRecord<?, ?>> records) {
		Map<Integer, Long> next = new HashMap<>();
		for (ConsumerRecord<?, ?> record : records) {
			next.merge(record.partition(), record.offset() + 1, Math::max);
		}
		return new SourcePositions(topic, next);
	}

}
