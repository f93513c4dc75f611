package io.tally.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Testcontainers path, taken where a Docker engine answers: the official
 * {@code apache/kafka} image in KRaft mode and the official {@code postgres} image.
 */
class ContainerInfrastructure extends Infrastructure {

	static final String KAFKA_IMAGE = "apache/kafka:4.1.2";

	static final String POSTGRES_IMAGE = "postgres:17.6-alpine";

	private KafkaContainer kafka;

	private PostgreSQLContainer postgres;

	static boolean dockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	@Override
	String mode() {
		return "testcontainers";
	}

	@Override
	String startKafka() {
		this.kafka = new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_NUM_PARTITIONS", "6")
			.withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
		this.kafka.start();
		return this.kafka.getBootstrapServers();
	}

	@Override
	PostgresDatabase startPostgres() {
		this.postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("postgres")
			.withCommand("postgres", "-c", "max_connections=300");
		this.postgres.start();
		return new PostgresDatabase(this.postgres.getJdbcUrl(), this.postgres.getUsername(),
				this.postgres.getPassword());
	}

	@Override
	void stopAll() {
		if (this.kafka != null) {
			this.kafka.stop();
		}
		if (this.postgres != null) {
			this.postgres.stop();
		}
	}

}
