package io.tally.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class LocalStackInfrastructureTest {

	@Test
	void startsRealInfrastructureAndKeepsItsDataAcrossRestarts() throws Exception {
		Path state = Files.createDirectories(Path.of("target", "infra-test-" + System.currentTimeMillis()));
		// throwaway data: the fast settings
		StackSettings first = StackSettings.forProject(Path.of(".."), state, Ports.randomFree())
			.withDatabaseDurability(DatabaseDurability.FAST);
		try (LocalStack stack = new LocalStack(first)) {
			stack.startInfrastructure();
			try (Connection connection = connect(stack, "invoices", "invoices_owner");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE kept (value text)");
				statement.execute("INSERT INTO kept VALUES ('still here')");
			}
			try (Connection connection = connect(stack, "revenue", "revenue_owner")) {
				assertThat(LauncherDurabilityTest.show(connection, "fsync")).isEqualTo("off");
				assertThat(LauncherDurabilityTest.show(connection, "synchronous_commit")).isEqualTo("off");
			}
			// a state directory of an older launcher: its role tally owned the tables
			try (Connection connection = connect(stack, "revenue", "postgres");
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE ROLE tally LOGIN");
				statement.execute("CREATE TABLE legacy (value text)");
				statement.execute("ALTER TABLE legacy OWNER TO tally");
			}
			try (Admin admin = admin(stack)) {
				admin.createTopics(List.of(new NewTopic("kept-topic", 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
			}
			assertThat(register(stack, "first-value", FIRST)).isEqualTo("{\"id\":1}");
			assertThat(register(stack, "second-value", SECOND)).isEqualTo("{\"id\":2}");
			// SASL with ACLs by default: the services' grants exist, the passwords stay
			// owner-only
			try (Admin admin = admin(stack)) {
				assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
					.containsExactlyInAnyOrderElementsOf(KafkaAcls.bindings());
			}
			assertThat(Files.getPosixFilePermissions(state.resolve("kafka/server.properties")))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			assertThat(Files.readString(state.resolve("kafka/admin-client.properties")))
				.contains("password=\"" + stack.kafkaCredentials().password(KafkaCredentials.ADMIN) + "\"");
		}

		// the same state directory, other ports: the data is still there
		try (LocalStack stack = new LocalStack(first.withPorts(Ports.randomFree()))) {
			stack.startInfrastructure();
			try (Connection connection = connect(stack, "invoices", "invoices_owner");
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT value FROM kept")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo("still here");
			}
			try (Connection connection = connect(stack, "revenue", "revenue_owner");
					Statement statement = connection.createStatement();
					ResultSet rows = statement
						.executeQuery("SELECT tableowner FROM pg_tables WHERE tablename = 'legacy'")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).as("the older owner's tables moved").isEqualTo("revenue_owner");
			}
			try (Admin admin = admin(stack)) {
				Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
				assertThat(topics).contains("kept-topic");
			}
			// records carry schema ids: the registry must answer the old ids after a
			// restart
			HttpResponse<String> second = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/schemas/ids/2")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(second.statusCode()).isEqualTo(200);
			assertThat(second.body()).contains("Second");
			assertThat(register(stack, "first-value", FIRST)).isEqualTo("{\"id\":1}");
		}
		assertThat(state.resolve("stack.properties")).exists();

		StateDirectory.wipe(state);
		assertThat(state).doesNotExist();
	}

	private static final String FIRST = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"First\\\",\\\"fields\\\":[]}";

	private static final String SECOND = "{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Second\\\",\\\"fields\\\":[]}";

	private static String register(LocalStack stack, String subject, String schema) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects/" + subject + "/versions"))
				.header("Content-Type", "application/vnd.schemaregistry.v1+json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"" + schema + "\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body().replace(" ", "");
	}

	@Test
	void givesEachServiceAnOwnerRoleAndAnApplicationRoleThatCreatesNothing() throws Exception {
		Path state = Files.createDirectories(Path.of("target", "roles-test-" + System.currentTimeMillis()));
		try (LocalStack stack = new LocalStack(StackSettings.forProject(Path.of(".."), state, Ports.randomFree()))) {
			stack.startInfrastructure();
			assertThat(stack.ownerRole(Service.INVOICE_SERVICE)).isEqualTo("invoices_owner");
			assertThat(stack.applicationRole(Service.REVENUE_SERVICE)).isEqualTo("revenue_app");
			try (Connection owner = connect(stack, "invoices", "invoices_owner");
					Statement statement = owner.createStatement()) {
				statement.execute("CREATE TABLE owned (value text)");
			}
			try (Connection application = connect(stack, "invoices", "invoices_app");
					Statement statement = application.createStatement()) {
				assertThatExceptionOfType(SQLException.class)
					.isThrownBy(() -> statement.execute("CREATE TABLE intruder (value text)"))
					.withMessageContaining("permission denied");
			}
			assertThatExceptionOfType(SQLException.class)
				.as("a service's role cannot even connect to the other service's database")
				.isThrownBy(() -> connect(stack, "revenue", "invoices_app").close())
				.withMessageContaining("permission denied");
		}
		StateDirectory.wipe(state);
	}

	private static Connection connect(LocalStack stack, String database, String role) throws Exception {
		return DriverManager.getConnection(stack.jdbcUrl(database), role, "");
	}

	private static Admin admin(LocalStack stack) {
		Map<String, Object> config = stack.kafkaClientConfig(KafkaCredentials.ADMIN);
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis());
		return Admin.create(config);
	}

}
