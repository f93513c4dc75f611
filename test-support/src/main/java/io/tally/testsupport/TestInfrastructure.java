package io.tally.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

import io.tally.testsupport.identity.TestIssuer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one home of test infrastructure: a real Kafka broker, a real PostgreSQL server, a
 * schema registry and an OAuth2 token issuer, each started at most once per test JVM and
 * shared by every test class in it.
 * <p>
 * Where a Docker engine answers, the broker and the database run in Testcontainers
 * ({@code apache/kafka}, {@code postgres}); otherwise (no Docker, as in CI) an embedded
 * KRaft broker from spring-kafka-test and zonky's embedded PostgreSQL. Set the
 * environment variable {@code TALLY_TEST_INFRA} to {@code embedded} or
 * {@code testcontainers} to force a path. The schema registry is always the in-memory
 * stand-in, served over HTTP; the token issuer a tiny in-JVM one ({@link TestIssuer}).
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
	 * A service's database with an owner role (for Flyway) and an application role (for
	 * the service), as in production; created on first use.
	 * @param databaseName lower-case SQL identifier; the roles are {@code <name>_owner}
	 * and {@code <name>_app}
	 * @return connection details of both roles
	 */
	public static ServiceDatabase serviceDatabase(String databaseName) {
		return infrastructure().serviceDatabase(databaseName);
	}

	/**
	 * The shared token issuer: serves its discovery document and keys over HTTP and mints
	 * access tokens; starts it on first use.
	 * @return the issuer
	 */
	public static TestIssuer issuer() {
		return infrastructure().issuer();
	}

	/**
	 * Another issuer with a key of its own, whose tokens the services under test must
	 * refuse; starts it on first use.
	 * @return the issuer no service trusts
	 */
	public static TestIssuer otherIssuer() {
		return infrastructure().otherIssuer();
	}

	/**
	 * URL of the shared schema-registry stand-in; starts it on first use.
	 * @return an {@code http://} URL
	 */
	public static String schemaRegistryUrl() {
		return infrastructure().schemaRegistryUrl();
	}

	/**
	 * Points a Spring Boot test at the shared broker, the named database (Flyway as its
	 * owner, the service as its application role), the registry and the token issuer.
	 * @param registry the registry given to a {@code @DynamicPropertySource} method
	 * @param databaseName the database the application under test owns
	 */
	public static void registerSpringProperties(DynamicPropertyRegistry registry, String databaseName) {
		springProperties(databaseName).forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * The Spring properties of {@link #registerSpringProperties}, for applications
	 * started by hand (e.g. with {@code SpringApplicationBuilder}); starts what they
	 * name.
	 * @param databaseName the database the application under test owns
	 * @return property name → value, a new map to add to and change
	 */
	public static Map<String, String> springProperties(String databaseName) {
		ServiceDatabase database = serviceDatabase(databaseName);
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers());
		properties.put("spring.kafka.properties.schema.registry.url", schemaRegistryUrl());
		properties.put("spring.datasource.url", database.jdbcUrl());
		properties.put("spring.datasource.username", database.application().username());
		properties.put("spring.datasource.password", database.application().password());
		properties.put("spring.flyway.user", database.owner().username());
		properties.put("spring.flyway.password", database.owner().password());
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer().issuerUri());
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
