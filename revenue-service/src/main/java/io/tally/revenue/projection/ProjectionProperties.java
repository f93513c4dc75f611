package io.tally.revenue.projection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the projection consumer ({@code tally.projection.*}); the defaults run
 * locally.
 *
 * @param topic the topic carrying invoice events
 * @param groupId the consumer group
 * @param autoStartup whether the listener starts with the application
 * @param deadLetterTopic where unprocessable records go
 * @param deadLetterPartitions partitions of the dead-letter topic when this service
 * declares it
 * @param deadLetterReplicas replication factor of the dead-letter topic when this service
 * declares it
 * @param deadLetterMinInsyncReplicas {@code min.insync.replicas} of the dead-letter topic
 * when this service declares it (unset: the broker's default)
 * @param deadLetterRetention {@code retention.ms} of the dead-letter topic when this
 * service declares it; unset (the default) keeps records forever, because the dead-letter
 * index points into the topic and a re-drive reads the bytes from there
 * @param lockTimeout how long a projection transaction waits for a lock before failing
 * (and being retried)
 * @param commitInterval how often the consumer commits its offsets to Kafka at most;
 * records applied since the last commit are delivered again after a crash and skipped by
 * the version guard
 * @param retry back-off for transient failures before a record is dead-lettered
 */
@ConfigurationProperties("tally.projection")
public record ProjectionProperties(@DefaultValue("invoice-events") String topic,
		@DefaultValue("revenue-projection") String groupId, @DefaultValue("true") boolean autoStartup,
		@DefaultValue("invoice-events-dlt") String deadLetterTopic, @DefaultValue("6") int deadLetterPartitions,
		@DefaultValue("1") short deadLetterReplicas, Integer deadLetterMinInsyncReplicas, Duration deadLetterRetention,
		@DefaultValue("5s") Duration lockTimeout, @DefaultValue("100ms") Duration commitInterval,
		@DefaultValue Retry retry) {

	/**
	 * Exponential back-off of transient failures.
	 *
	 * @param initialInterval first wait
	 * @param multiplier growth per attempt
	 * @param maxInterval longest single wait
	 * @param maxElapsedTime total time of retries before the record is dead-lettered;
	 * unset (the default) retries until the fault is gone, because a transient fault says
	 * nothing about the event and a dead-lettered valid event leaves its invoice stale
	 */
	public record Retry(@DefaultValue("500ms") Duration initialInterval, @DefaultValue("2.0") double multiplier,
			@DefaultValue("30s") Duration maxInterval, Duration maxElapsedTime) {
	}

}
