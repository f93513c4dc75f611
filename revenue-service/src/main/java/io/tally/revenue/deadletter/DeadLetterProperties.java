package io.tally.revenue.deadletter;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dead-letter index and its operator endpoints
 * ({@code tally.dead-letters.*}); the topics themselves are the projection's
 * ({@code tally.projection.topic}, {@code .dead-letter-topic}).
 *
 * @param groupId the consumer group that reads the dead-letter topic into the index
 * @param autoStartup whether the index consumer starts with the application
 * @param maxPageSize the largest page a listing returns
 * @param maxRedrivesPerCall the most records one bulk re-drive sends
 * @param readTimeout how long fetching a record from the dead-letter topic or sending it
 * back may take before the request fails with 503
 * @param redriveProducer Kafka client properties of the re-drive producer only, on top of
 * {@code spring.kafka.producer.*}: e.g. its own SASL credentials where only a dedicated
 * principal may write the event topic
 */
@ConfigurationProperties("tally.dead-letters")
public record DeadLetterProperties(@DefaultValue("revenue-dead-letters") String groupId,
		@DefaultValue("true") boolean autoStartup, @DefaultValue("100") int maxPageSize,
		@DefaultValue("100") int maxRedrivesPerCall, @DefaultValue("10s") Duration readTimeout,
		Map<String, String> redriveProducer) {

	public DeadLetterProperties {
		redriveProducer = (redriveProducer != null) ? Map.copyOf(redriveProducer) : Map.of();
	}

}
