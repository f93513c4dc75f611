package io.tally.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one home of test infrastructure: a real Kafka broker, a real PostgreSQL server and
 * a schema registry, each started at most once per test JVM and shared by every test
 * class in it.
 * <p>
 * Where a Docker engine answers, the broker and the database run in Testcontainers
 * ({@code apache/kafka}, {@code postgres}); otherwise (no Docker, as in CI) an embedded
 * KRaft broker from spring-kafka-test and zonky's embedded PostgreSQL. Set the
 * environment variable {@code TALLY_TEST_INFRA} to {@code embedded} or
 * {@code testcontainers} to force a path. The schema registry is always the in-memory
 * stand-in, served over HTTP.
 */
public final class TestInfrastructure {

	private static Infrastructure infrastructure;

	private TestInfrastructure() {
	}

	/**
	 * Bootstrap servers of the shared broker; starts it on first use.
	 * @return a {@code host:port} list
	 */
	public static String kafkaBootstrapServers() {
		return infrastructure().kafkaBootstrapServers();
	}

	/**
	 * A database of the given name on the shared PostgreSQL server, created on first use.
	 * @param databaseName lower-case SQL identifier
	 * @return connection details
	 */
	public static PostgresDatabase postgres(String databaseName) {
		return infrastructure().postgres(databaseName);
	}

	/**
	 * URL of the shared schema-registry stand-in; starts it on first use.
	 * @return an {@code http://} URL
	 */
	public static String schemaRegistryUrl() {
		return infrastructure().schemaRegistryUrl();
	}

	/**
	 * Points a Spring Boot test at the shared broker, the named database and the
	 * registry.
	 * @param registry the registry given to a {@code @DynamicPropertySource} method
	 * @param databaseName the database the application under test owns
	 */
	public static void registerSpringProperties(DynamicPropertyRegistry registry, String databaseName) {
		registry.add("spring.kafka.bootstrap-servers", TestInfrastructure::kafkaBootstrapServers);
		registry.add("spring.kafka.properties.schema.registry.url", TestInfrastructure::schemaRegistryUrl);
		registry.add("spring.datasource.url", () -> postgres(databaseName).jdbcUrl());
		registry.add("spring.datasource.username", () -> postgres(databaseName).username());
		registry.add("spring.datasource.password", () -> postgres(databaseName).password());
	}

	/**
	 * The same settings as {@link #registerSpringProperties}, for an application a test
	 * starts itself (e.g. a second instance, or one with a registry of its own).
	 * @param databaseName the database the application owns
	 * @return Spring property names and values, to add to and change
	 */
	public static Map<String, String> springProperties(String databaseName) {
		PostgresDatabase database = postgres(databaseName);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
		properties.put("spring.kafka.properties.schema.registry.url", schemaRegistryUrl());
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.username());
		properties.put("spring.datasource.password", database.password());
		return properties;
	}

	/**
	 * Properties as command-line arguments ({@code --name=value}): they outrank the
	 * application's own {@code application.yml}, default properties do not.
	 * @param properties Spring property names and values
	 * @return the arguments for {@code SpringApplication.run}
	 */
	public static String[] commandLine(Map<String, ?> properties) {
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	/**
	 * Which path this JVM took.
	 * @return {@code embedded} or {@code testcontainers}
	 */
	public static String mode() {
		return infrastructure().mode();
	}

	private static synchronized Infrastructure infrastructure() {
		if (infrastructure == null) {
			infrastructure = Infrastructure.choose();
			Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "tally-test-infrastructure-stop"));
		}
		return infrastructure;
	}

}
