package io.tally.invoice.outbox;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Outbox and relay settings.
 *
 * @param topic topic the events go to
 * @param partitions partitions of the topic when this service creates it
 * @param replicas replication factor of the topic when this service creates it (1 on a
 * single broker; 3 on a production cluster)
 * @param minInsyncReplicas the topic's {@code min.insync.replicas} when this service
 * creates it; the broker's default when unset
 * @param batchSize rows the relay reads, sends and deletes per round
 * @param pollInterval longest wait between two looks at the table when no NOTIFY arrives
 * @param leaderRetryInterval how often a follower tries to take the advisory lock
 * @param lockKey key of the PostgreSQL advisory lock that elects the publishing instance
 * @param lease how long the lock outlives a leader that stopped talking to the database
 * (frozen, partitioned): its session's {@code idle_session_timeout}; the leader renews it
 * every quarter lease and stops sending once four fifths of it passed without renewal
 * @param producer extra Kafka producer properties, applied last
 */
@ConfigurationProperties("tally.outbox")
public record OutboxProperties(@DefaultValue("invoice-events") String topic, @DefaultValue("6") int partitions,
		@DefaultValue("1") short replicas, Integer minInsyncReplicas, @DefaultValue("2000") int batchSize,
		@DefaultValue("1s") Duration pollInterval, @DefaultValue("2s") Duration leaderRetryInterval,
		@DefaultValue("7243001") long lockKey, @DefaultValue("10s") Duration lease, Map<String, String> producer) {

	public OutboxProperties {
		producer = (producer != null) ? Map.copyOf(producer) : Map.of();
		if (batchSize < 1) {
			throw new IllegalArgumentException("tally.outbox.batch-size must be positive");
		}
		if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(leaderRetryInterval) <= 0) {
			// a follower's session must not idle out between two tries
			throw new IllegalArgumentException(
					"tally.outbox.lease must be at least 1s and longer than tally.outbox.leader-retry-interval");
		}
	}

}
