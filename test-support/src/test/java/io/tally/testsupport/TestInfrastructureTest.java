package io.tally.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TestInfrastructureTest {

	@Test
	void brokerCarriesRecordsEndToEnd() throws Exception {
		String topic = "test-support-" + UUID.randomUUID();
		String servers = TestInfrastructure.kafkaBootstrapServers();
		try (var producer = new KafkaProducer<String, String>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers),
				new StringSerializer(), new StringSerializer())) {
			producer.send(new ProducerRecord<>(topic, "k", "hello")).get();
		}
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
				ConsumerConfig.GROUP_ID_CONFIG, topic, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (var consumer = new KafkaConsumer<String, String>(consumerConfig, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			String value = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (value == null && System.nanoTime() < deadline) {
				ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
				if (!records.isEmpty()) {
					value = records.iterator().next().value();
				}
			}
			assertThat(value).isEqualTo("hello");
		}
	}

	@Test
	void createsEachDatabaseOnceAndKeepsItsData() throws Exception {
		PostgresDatabase first = TestInfrastructure.postgres("test_support_check");
		try (Connection connection = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password());
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS marker (id int PRIMARY KEY)");
			statement.execute("INSERT INTO marker VALUES (1) ON CONFLICT DO NOTHING");
		}
		PostgresDatabase again = TestInfrastructure.postgres("test_support_check");
		assertThat(again).isEqualTo(first);
		try (Connection connection = DriverManager.getConnection(again.jdbcUrl(), again.username(), again.password());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT current_database(), count(*) FROM marker")) {
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("test_support_check");
			assertThat(rows.getInt(2)).isEqualTo(1);
		}
	}

	@Test
	void givesAServiceDatabaseAnOwnerWhoCreatesAndAnApplicationRoleWhoCannot() throws Exception {
		ServiceDatabase database = TestInfrastructure.serviceDatabase("test_support_roles");
		assertThat(database.jdbcUrl()).doesNotContain("user=");
		assertThat(database.owner().username()).isEqualTo("test_support_roles_owner");
		assertThat(database.application().username()).isEqualTo("test_support_roles_app");
		try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.owner().username(),
				database.owner().password()); Statement statement = owner.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS owned (id int)");
		}
		try (Connection application = DriverManager.getConnection(database.jdbcUrl(), database.application().username(),
				database.application().password()); Statement statement = application.createStatement()) {
			assertThat(application.getMetaData().getUserName()).isEqualTo("test_support_roles_app");
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("CREATE TABLE intruder (id int)"));
			assertThatExceptionOfType(SQLException.class).as("nothing granted before a migration does")
				.isThrownBy(() -> statement.execute("SELECT * FROM owned"));
		}
		assertThat(TestInfrastructure.serviceDatabase("test_support_roles")).isEqualTo(database);
	}

	@Test
	void pointsSpringAtTheApplicationRoleFlywayAtTheOwnerAndTheServiceAtTheIssuer() {
		var properties = TestInfrastructure.springProperties("test_support_spring");
		assertThat(properties).containsEntry("spring.datasource.username", "test_support_spring_app")
			.containsEntry("spring.flyway.user", "test_support_spring_owner")
			.containsEntry("spring.security.oauth2.resourceserver.jwt.issuer-uri",
					TestInfrastructure.issuer().issuerUri())
			.containsKeys("spring.kafka.bootstrap-servers", "spring.kafka.properties.schema.registry.url");
		assertThat(TestInfrastructure.otherIssuer().issuerUri()).isNotEqualTo(TestInfrastructure.issuer().issuerUri());
	}

	@Test
	void dropsCredentialsFromAJdbcUrl() {
		assertThat(Infrastructure.withoutCredentials("jdbc:postgresql://localhost:1/db?user=postgres&ssl=false"))
			.isEqualTo("jdbc:postgresql://localhost:1/db?ssl=false");
		assertThat(Infrastructure.withoutCredentials("jdbc:postgresql://localhost:1/db?user=postgres"))
			.isEqualTo("jdbc:postgresql://localhost:1/db");
	}

	@Test
	void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
		assertThatIllegalArgumentException().isThrownBy(() -> TestInfrastructure.postgres("x; DROP DATABASE postgres"));
	}

	@Test
	void servesTheSchemaRegistryOverHttp() throws Exception {
		var client = java.net.http.HttpClient.newHttpClient();
		var response = client.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(TestInfrastructure.schemaRegistryUrl() + "/subjects"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).startsWith("[");
	}

	@Test
	void reportsWhichPathItTook() {
		assertThat(TestInfrastructure.mode()).isIn("embedded", "testcontainers");
	}

	@Test
	void swapsTheDatabaseNameInAJdbcUrl() {
		assertThat(Infrastructure.withDatabase("jdbc:postgresql://localhost:5432/postgres?user=x", "invoices"))
			.isEqualTo("jdbc:postgresql://localhost:5432/invoices?user=x");
	}

}
