package io.tally.revenue.projection.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.support.Causes;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the consumer: deserializers, the error handler (exponential back-off for
 * transient failures, then the dead-letter topic; deserialization and validation failures
 * go there at once) and the raw-bytes dead-letter producer. Boot's auto-configured
 * listener container factory picks up the error handler and registers Micrometer consumer
 * metrics (lag) on its consumer factory.
 */
@Configuration(proxyBeanMethods = false)
class ProjectionKafkaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ProjectionKafkaConfiguration.class);

	/**
	 * Failures that no retry can fix (besides Spring's defaults such as
	 * {@link DeserializationException}).
	 */
	static final List<Class<? extends Exception>> NOT_RETRYABLE = List.of(InvalidEvent.class,
			DataIntegrityViolationException.class, ArithmeticException.class);

	@Bean
	DefaultKafkaConsumerFactoryCustomizer projectionDeserializers() {
		// set in code, not in properties: the listener and the dead-letter recoverer
		// depend on exactly these
		return (factory) -> factory
			.updateConfigs(Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
					ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RawValueKeepingDeserializer.class,
					ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS, KafkaAvroDeserializer.class,
					AvroSerdeConfig.SPECIFIC_AVRO_READER, true, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
	}

	/**
	 * How the projection's container commits offsets to Kafka: at most every
	 * {@code tally.projection.commit-interval} (100 ms), without waiting for the answer.
	 * Committing every batch and waiting held each batch up by a round trip to the group
	 * coordinator (8.7 ms on average at 500 events/s on the two-core machine, issue 12);
	 * committing every batch without waiting queued commits at the coordinator faster
	 * than it answered them (seconds behind). Nothing is lost either way: offsets are
	 * committed only after the projection transaction committed, and records whose commit
	 * is late or lost are delivered again and skipped by the version guard.
	 */
	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> projectionCommits(
			ProjectionProperties properties) {
		return (container) -> {
			if (InvoiceEventListener.ID.equals(container.getListenerId())) {
				ContainerProperties settings = container.getContainerProperties();
				settings.setAckMode(ContainerProperties.AckMode.TIME);
				settings.setAckTime(properties.commitInterval().toMillis());
				settings.setSyncCommits(false);
			}
		};
	}

	@Bean
	NewTopic deadLetterTopic(ProjectionProperties properties) {
		TopicBuilder topic = TopicBuilder.name(properties.deadLetterTopic())
			.partitions(properties.deadLetterPartitions())
			.replicas(properties.deadLetterReplicas())
			// the dead-letter index points into the topic: its records must outlive the
			// index entries (-1: forever)
			.config(TopicConfig.RETENTION_MS_CONFIG, (properties.deadLetterRetention() != null)
					? Long.toString(properties.deadLetterRetention().toMillis()) : "-1");
		if (properties.deadLetterMinInsyncReplicas() != null) {
			topic.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, properties.deadLetterMinInsyncReplicas().toString());
		}
		return topic.build();
	}

	/**
	 * The raw-bytes dead-letter producer: Spring Boot's producer configuration (servers,
	 * {@code spring.kafka.security.*}, {@code .ssl.*}, {@code .properties.*} such as
	 * SASL, {@code .producer.*}) with byte-array serializers.
	 */
	@Bean
	KafkaTemplate<byte[], byte[]> deadLetterTemplate(ProducerFactory<?, ?> kafkaProducerFactory) {
		Map<String, Object> config = new HashMap<>(kafkaProducerFactory.getConfigurationProperties());
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
		return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
	}

	@Bean
	DeadLetters deadLetters(KafkaTemplate<byte[], byte[]> deadLetterTemplate, ProjectionProperties properties,
			ProjectionMetrics metrics, ProjectionTracing tracing) {
		return new DeadLetters(deadLetterTemplate, properties.deadLetterTopic(), metrics, tracing);
	}

	@Bean
	DefaultErrorHandler projectionErrorHandler(DeadLetters deadLetters, ProjectionProperties properties,
			ProjectionMetrics metrics) {
		ProjectionProperties.Retry retry = properties.retry();
		ExponentialBackOff backOff = new ExponentialBackOff(retry.initialInterval().toMillis(), retry.multiplier());
		backOff.setMaxInterval(retry.maxInterval().toMillis());
		if (retry.maxElapsedTime() != null) {
			backOff.setMaxElapsedTime(retry.maxElapsedTime().toMillis());
		}
		DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters, backOff);
		// deserialization failures are not retryable by default; these are deterministic
		// too
		handler.addNotRetryableExceptions(NOT_RETRYABLE.toArray(Class[]::new));
		// its own stack traces only at DEBUG: retries are logged below, dead letters by
		// DeadLetters
		handler.setLogLevel(KafkaException.Level.DEBUG);
		handler.setRetryListeners(new RetryListener() {
			@Override
			public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				// also called once for failures that go straight to the dead-letter
				// topic: count real retries only
				if (isRetryable(ex)) {
					metrics.retried();
					DeadLetters.withRecordIds(log.atWarn(), record)
						.log("Delivery attempt {} of {}-{}@{} failed (transient, retried with back-off): {}",
								deliveryAttempt, record.topic(), record.partition(), record.offset(),
								DeadLetters.rootMessage(ex));
				}
			}
		});
		return handler;
	}

	static boolean isRetryable(Throwable failure) {
		return !Causes.anyMatch(failure, (cause) -> cause instanceof DeserializationException
				|| NOT_RETRYABLE.stream().anyMatch((type) -> type.isInstance(cause)));
	}

}
