package io.tally.revenue.deadletter.kafka;

import java.util.HashMap;
import java.util.Map;

import io.tally.revenue.deadletter.DeadLetterProperties;
import io.tally.revenue.projection.ProjectionProperties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Wires the dead-letter index consumer (raw bytes, one record at a time, retried until
 * the database takes it: the index must not lose a dead letter), the reader and re-driver
 * of dead letters, and the event decoder. Its consumer and producer factories are private
 * to it, so Spring Boot's own ones (the projection's) stay as they are.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterKafkaConfiguration {

	static final String INDEX_CONTAINER_FACTORY = "deadLetterIndexContainerFactory";

	@Bean(INDEX_CONTAINER_FACTORY)
	ConcurrentKafkaListenerContainerFactory<byte[], byte[]> deadLetterIndexContainerFactory(
			KafkaProperties kafkaProperties) {
		Map<String, Object> config = kafkaProperties.buildConsumerProperties();
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// a new group indexes everything the topic holds
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		ConcurrentKafkaListenerContainerFactory<byte[], byte[]> factory = new ConcurrentKafkaListenerContainerFactory<>();
		factory.setConsumerFactory(
				new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
		factory.setBatchListener(false);
		factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(30_000);
		// no recoverer and no end to the back-off: an entry that cannot be written now is
		// retried, never dropped
		factory.setCommonErrorHandler(new DefaultErrorHandler(backOff));
		return factory;
	}

	@Bean
	EventDecoder deadLetterEventDecoder(KafkaProperties kafkaProperties, ProjectionProperties projection) {
		return new EventDecoder(kafkaProperties.buildConsumerProperties(), projection.topic());
	}

	@Bean
	KafkaDeadLetterRecords deadLetterRecords(KafkaProperties kafkaProperties, ProjectionProperties projection,
			DeadLetterProperties properties, EventDecoder deadLetterEventDecoder) {
		Map<String, Object> producerConfig = new HashMap<>(kafkaProperties.buildProducerProperties());
		producerConfig.putAll(properties.redriveProducer());
		return new KafkaDeadLetterRecords(kafkaProperties.buildConsumerProperties(), producerConfig, projection.topic(),
				properties.readTimeout(), deadLetterEventDecoder);
	}

}
