package io.tally.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Embedded path for machines without Docker: spring-kafka-test's KRaft broker and zonky's
 * PostgreSQL binaries.
 */
class EmbeddedInfrastructure extends Infrastructure {

	/**
	 * System property choosing the embedded PostgreSQL's durability: fast (default) or
	 * durable.
	 */
	static final String DURABILITY = "tally.test.postgres.durability";

	private EmbeddedKafkaKraftBroker broker;

	private EmbeddedPostgres postgres;

	@Override
	String mode() {
		return "embedded";
	}

	@Override
	String startKafka() {
		this.broker = new EmbeddedKafkaKraftBroker(1, 6);
		// consumers of a fresh group start at once instead of waiting 3 s for more
		// members
		this.broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		this.broker.brokerProperty("auto.create.topics.enable", "true");
		this.broker.afterPropertiesSet();
		return this.broker.getBrokersAsString();
	}

	@Override
	PostgresDatabase startPostgres() {
		try {
			// several application contexts, each with a pool and a relay, share this one
			// server
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300");
			durability().forEach(builder::setServerConfig);
			this.postgres = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("could not start embedded PostgreSQL", ex);
		}
		return new PostgresDatabase(this.postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
	}

	/**
	 * Test data is thrown away, so commits need not reach the disk; a benchmark that
	 * measures what users get sets {@value #DURABILITY}{@code =durable}.
	 */
	private static Map<String, String> durability() {
		String durability = System.getProperty(DURABILITY, "fast");
		return switch (durability) {
			case "fast" -> Map.of("fsync", "off", "synchronous_commit", "off", "full_page_writes", "off");
			case "durable" -> Map.of("fsync", "on", "synchronous_commit", "on", "full_page_writes", "on");
			default -> throw new IllegalArgumentException(DURABILITY + " must be fast or durable, not " + durability);
		};
	}

	@Override
	void stopAll() {
		if (this.broker != null) {
			this.broker.destroy();
		}
		if (this.postgres != null) {
			try {
				this.postgres.close();
			}
			catch (IOException ex) {
				log("embedded PostgreSQL did not stop cleanly: " + ex.getMessage());
			}
		}
	}

}
