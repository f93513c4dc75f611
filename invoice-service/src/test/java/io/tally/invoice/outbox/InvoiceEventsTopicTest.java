package io.tally.invoice.outbox;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceEventsTopicTest {

	@Test
	void isDeclaredCompactedWithTheConfiguredReplication() {
		NewTopic topic = new OutboxConfiguration().invoiceEventsTopic(properties((short) 3, 2));

		assertThat(topic.name()).isEqualTo("invoice-events");
		assertThat(topic.numPartitions()).isEqualTo(6);
		assertThat(topic.replicationFactor()).isEqualTo((short) 3);
		assertThat(topic.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
			.containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
	}

	@Test
	void leavesMinInsyncReplicasToTheBrokerWhenUnset() {
		NewTopic topic = new OutboxConfiguration().invoiceEventsTopic(properties((short) 1, null));

		assertThat(topic.replicationFactor()).isEqualTo((short) 1);
		assertThat(topic.configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
	}

	private static OutboxProperties properties(short replicas, Integer minInsyncReplicas) {
		return new OutboxProperties("invoice-events", 6, replicas, minInsyncReplicas, 2000, Duration.ofSeconds(1),
				Duration.ofSeconds(2), 7243001, Duration.ofSeconds(10), Map.of());
	}

}
