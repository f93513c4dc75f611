package io.tally.invoice.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A relay alone in a JVM of its own, for tests that freeze it ({@code kill -STOP}) like a
 * stalled machine: the production leadership, relay and producer settings on the given
 * database and broker, running until the process ends. Every record it sends carries the
 * header {@value #TAG_HEADER} with its tag, so a test can tell its records from another
 * relay's.
 * <p>
 * Arguments: JDBC URL, user, password, bootstrap servers, topic, lock key, tag.
 */
public final class RelayProcess {

	static final String TAG_HEADER = "test-relay";

	static final String TAG_CONFIG = "test.relay.tag";

	private RelayProcess() {
	}

	public static void main(String[] args) throws InterruptedException {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		root.setLevel(Level.INFO);
		((Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
		((Logger) LoggerFactory.getLogger("com.zaxxer")).setLevel(Level.WARN);
		String jdbcUrl = args[0];
		String user = args[1];
		String password = args[2];
		String bootstrapServers = args[3];
		String topic = args[4];
		long lockKey = Long.parseLong(args[5]);
		String tag = args[6];

		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(jdbcUrl);
		dataSource.setUsername(user);
		dataSource.setPassword(password);
		dataSource.setMaximumPoolSize(2);
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		// the production lease
		OutboxProperties properties = new OutboxProperties(topic, 6, (short) 1, null, 500, Duration.ofMillis(200),
				Duration.ofMillis(200), lockKey, Duration.ofSeconds(10), Map.of());
		RelayLeadership leadership = new RelayLeadership(() -> {
			Properties credentials = new Properties();
			credentials.setProperty("user", user);
			credentials.setProperty("password", password);
			credentials.setProperty("ApplicationName", tag);
			return DriverManager.getConnection(jdbcUrl, credentials);
		}, lockKey, properties.lease(), properties.leaderRetryInterval());
		OutboxMetrics metrics = new OutboxMetrics(new SimpleMeterRegistry(), jdbc, leadership::holdsLease);
		OutboxRelay relay = new OutboxRelay(jdbc, leadership,
				OutboxConfiguration.producers(Map.of("bootstrap.servers", bootstrapServers),
						Map.of("interceptor.classes", Tagging.class.getName(), TAG_CONFIG, tag)),
				CircuitBreaker.ofDefaults(tag), metrics, properties, new RelayTracing(TracePropagation.noop(), topic));
		relay.start();
		System.out.println("relay process " + tag + " running (pid " + ProcessHandle.current().pid() + ")");
		Thread.currentThread().join();
	}

	/** Adds the relay's tag to every record it sends. */
	public static final class Tagging implements ProducerInterceptor<byte[], byte[]> {

		private byte[] tag;

		@Override
		public void configure(Map<String, ?> configs) {
			this.tag = String.valueOf(configs.get(TAG_CONFIG)).getBytes(StandardCharsets.UTF_8);
		}

		@Override
		public ProducerRecord<byte[], byte[]> onSend(ProducerRecord<byte[], byte[]> record) {
			record.headers().add(TAG_HEADER, this.tag);
			return record;
		}

		@Override
		public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		}

		@Override
		public void close() {
		}

	}

}
