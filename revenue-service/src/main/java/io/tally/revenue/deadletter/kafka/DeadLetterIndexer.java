package io.tally.revenue.deadletter.kafka;

import io.tally.revenue.deadletter.DeadLetterIndex;
import io.tally.revenue.deadletter.DeadLetterProperties;
import io.tally.revenue.deadletter.NewDeadLetter;
import io.tally.revenue.projection.ProjectionProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic in its own consumer group into the index; offsets are
 * committed after the entries, and an entry already indexed is left alone, so
 * redeliveries change nothing. A failing database is retried until it is back.
 */
@Component
class DeadLetterIndexer {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterIndexer.class);

	private final DeadLetterIndex index;

	private final EventDecoder decoder;

	private final ProjectionProperties projection;

	private final DeadLetterProperties properties;

	DeadLetterIndexer(DeadLetterIndex index, EventDecoder decoder, ProjectionProperties projection,
			DeadLetterProperties properties) {
		this.index = index;
		this.decoder = decoder;
		this.projection = projection;
		this.properties = properties;
	}

	/** The dead-letter topic ({@code tally.projection.dead-letter-topic}). */
	public String getTopic() {
		return this.projection.deadLetterTopic();
	}

	/** The index's consumer group ({@code tally.dead-letters.group-id}). */
	public String getGroupId() {
		return this.properties.groupId();
	}

	/** Whether the index consumer starts with the application. */
	public boolean isAutoStartup() {
		return this.properties.autoStartup();
	}

	@KafkaListener(id = "revenue-dead-letters", topics = "#{__listener.topic}", groupId = "#{__listener.groupId}",
			autoStartup = "#{__listener.autoStartup}",
			containerFactory = DeadLetterKafkaConfiguration.INDEX_CONTAINER_FACTORY)
	void onDeadLetter(ConsumerRecord<byte[], byte[]> record) {
		NewDeadLetter entry = DeadLetterEntries.from(record, this.decoder);
		if (this.index.add(entry)) {
			log.atInfo()
				.addKeyValue("invoiceId", entry.invoiceId())
				.addKeyValue("eventId", entry.eventId())
				.addKeyValue("partition", record.partition())
				.addKeyValue("offset", record.offset())
				.log("Indexed dead letter {} ({})", entry.position(), entry.exceptionClass());
		}
	}

}
