package io.tally.revenue.projection.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.rebuild.EventReplay;
import io.tally.revenue.projection.rebuild.RebuildProperties;
import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.rules.InvoiceChange;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.stereotype.Component;

/**
 * Reads {@code invoice-events} for a rebuild: every partition assigned to one consumer of
 * the rebuild's own group, decoded and validated exactly as the live listener does.
 * Records the live listener dead-letters (undecodable, invalid) are skipped; an
 * unreachable registry is a transient failure.
 */
@Component
class TopicReplay implements EventReplay, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(TopicReplay.class);

	private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

	private final ConsumerFactory<byte[], Object> consumers;

	private final KafkaAdmin admin;

	private final String topic;

	private final int maxPollRecords;

	private Admin adminClient;

	@SuppressWarnings("unchecked")
	TopicReplay(ConsumerFactory<?, ?> consumers, KafkaAdmin admin, ProjectionProperties projection,
			RebuildProperties rebuild) {
		// Boot's factory, with the deserializers ProjectionKafkaConfiguration sets
		this.consumers = (ConsumerFactory<byte[], Object>) consumers;
		this.admin = admin;
		this.topic = projection.topic();
		this.maxPollRecords = rebuild.maxPollRecords();
	}

	@Override
	public Session open(String consumerGroup, SourcePositions from) {
		Properties overrides = new Properties();
		overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(this.maxPollRecords));
		overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
		Consumer<byte[], Object> consumer = this.consumers.createConsumer(consumerGroup, consumerGroup, null,
				overrides);
		try {
			List<PartitionInfo> partitions = consumer.partitionsFor(this.topic, ADMIN_TIMEOUT);
			List<TopicPartition> assigned = (partitions != null)
					? partitions.stream().map((info) -> new TopicPartition(this.topic, info.partition())).toList()
					: List.of();
			// one reader of all partitions, no group membership: nothing to rebalance
			consumer.assign(assigned);
			TopicSession session = new TopicSession(consumer, assigned);
			session.seek(from);
			return session;
		}
		catch (RuntimeException ex) {
			consumer.close(Duration.ZERO);
			throw ex;
		}
	}

	@Override
	public Optional<SourcePositions> endOffsets() {
		try {
			Admin client = adminClient();
			List<TopicPartition> partitions = client.describeTopics(List.of(this.topic))
				.allTopicNames()
				.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.get(this.topic)
				.partitions()
				.stream()
				.map((info) -> new TopicPartition(this.topic, info.partition()))
				.toList();
			Map<Integer, Long> ends = new HashMap<>();
			client.listOffsets(partitions.stream().collect(Collectors.toMap((tp) -> tp, (tp) -> OffsetSpec.latest())))
				.all()
				.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.forEach((tp, info) -> ends.put(tp.partition(), info.offset()));
			return Optional.of(new SourcePositions(this.topic, ends));
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.debug("End offsets of {} unavailable: {}", this.topic, ex.getMessage());
			return Optional.empty();
		}
	}

	@Override
	public void deleteGroup(String consumerGroup) {
		try {
			adminClient().deleteConsumerGroups(List.of(consumerGroup))
				.all()
				.get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			// its committed offsets expire with the broker's offsets.retention.minutes
			log.debug("Could not delete consumer group {}: {}", consumerGroup, ex.getMessage());
		}
	}

	/** One admin client for the status page and clean-ups, created on first use. */
	private synchronized Admin adminClient() {
		if (this.adminClient == null) {
			this.adminClient = Admin.create(this.admin.getConfigurationProperties());
		}
		return this.adminClient;
	}

	@Override
	public synchronized void destroy() {
		if (this.adminClient != null) {
			this.adminClient.close(ADMIN_TIMEOUT);
		}
	}

	/** One rebuild's consumer. */
	private final class TopicSession implements Session {

		private final Consumer<byte[], Object> consumer;

		private final List<TopicPartition> assigned;

		TopicSession(Consumer<byte[], Object> consumer, List<TopicPartition> assigned) {
			this.consumer = consumer;
			this.assigned = assigned;
		}

		@Override
		public Batch poll(Duration timeout) {
			if (this.assigned.isEmpty()) {
				return new Batch(List.of(), position());
			}
			List<Replayed> replayed = new ArrayList<>();
			for (ConsumerRecord<byte[], Object> record : this.consumer.poll(timeout)) {
				replayed.add(new Replayed(record.partition(), record.offset(), change(record)));
			}
			return new Batch(replayed, position());
		}

		private InvoiceChange change(ConsumerRecord<byte[], Object> record) {
			try {
				return InvoiceEventListener.toChange(record);
			}
			catch (DeserializationException | InvalidEvent ex) {
				RuntimeException failure = InvoiceEventListener.registryOutage(ex);
				if (failure instanceof RegistryUnavailable) {
					throw failure;
				}
				DeadLetters.withRecordIds(log.atDebug(), record)
					.log("Rebuild skips {}-{}@{} (the live consumer dead-letters it): {}", record.topic(),
							record.partition(), record.offset(), DeadLetters.rootMessage(ex));
				return null;
			}
		}

		@Override
		public SourcePositions position() {
			Map<Integer, Long> positions = new HashMap<>();
			for (TopicPartition partition : this.assigned) {
				positions.put(partition.partition(), this.consumer.position(partition, ADMIN_TIMEOUT));
			}
			return new SourcePositions(TopicReplay.this.topic, positions);
		}

		@Override
		public void seek(SourcePositions positions) {
			for (TopicPartition partition : this.assigned) {
				// an offset before the log start (compacted or expired) resets to the
				// earliest one that exists
				this.consumer.seek(partition, positions.of(partition.partition()));
			}
		}

		@Override
		public SourcePositions endOffsets() {
			Map<Integer, Long> ends = new HashMap<>();
			this.consumer.endOffsets(this.assigned, ADMIN_TIMEOUT).forEach((tp, end) -> ends.put(tp.partition(), end));
			return new SourcePositions(TopicReplay.this.topic, ends);
		}

		@Override
		public void commit(SourcePositions positions) {
			Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
			positions.nextOffsets()
				.forEach((partition, offset) -> offsets.put(new TopicPartition(TopicReplay.this.topic, partition),
						new OffsetAndMetadata(offset)));
			this.consumer.commitAsync(offsets, (committed, failure) -> {
				if (failure != null) {
					log.debug("Committing rebuild offsets failed (only the lag view lags): {}", failure.getMessage());
				}
			});
		}

		@Override
		public void close() {
			this.consumer.close(Duration.ofSeconds(5));
		}

	}

}
