package io.tally.invoice;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.tally.registry.standin.SchemaRegistryStandIn;
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * invoice-service against a schema registry that requires basic auth, configured only
 * through Confluent's keys in {@code spring.kafka.properties.*}: while the registry
 * refuses the service's credentials the start-up registration of the event schemas logs
 * one line naming the user (never the password), the service is not ready and a change is
 * a 503 with {@code Retry-After} that writes nothing; once the registry accepts them the
 * registration's next retry succeeds and the same request is accepted and relayed.
 * <p>
 * A registry of its own (the shared one stays open for the other tests), and a database
 * and topic of their own: the records it relays carry this registry's schema ids.
 */
@ExtendWith(OutputCaptureExtension.class)
class RegistryCredentialsTest {

	private static final String PASSWORD = "registry-pass-" + UUID.randomUUID();

	private static SchemaRegistryStandIn registry;

	private static ConfigurableApplicationContext app;

	private static JsonHttp http;

	private static JsonHttp management;

	@BeforeAll
	static void start() {
		registry = SchemaRegistryStandIn.start(0);
		registry.requireBasicAuth(Map.of("invoice-service", "an-older-password"));
		Map<String, String> properties = TestInfrastructure.springProperties("invoices_registry_auth");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("spring.datasource.hikari.maximum-pool-size", "4");
		properties.put("spring.kafka.properties.schema.registry.url", registry.url());
		properties.put("spring.kafka.properties.basic.auth.credentials.source", "USER_INFO");
		properties.put("spring.kafka.properties.basic.auth.user.info", "invoice-service:" + PASSWORD);
		properties.put("tally.outbox.topic", "invoice-events-registry-auth");
		properties.put("tally.outbox.poll-interval", "200ms");
		app = new SpringApplicationBuilder(InvoiceServiceApplication.class).registerShutdownHook(false)
			.run(TestInfrastructure.commandLine(properties));
		http = new JsonHttp(
				"http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port", Integer.class),
				() -> TestInfrastructure.issuer().bearer(Scopes.INVOICES_WRITE));
		management = JsonHttp
			.localhost(app.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (registry != null) {
			registry.close();
		}
	}

	@Test
	void refusedRegistryCredentialsAre503WithOneLogLineAndAcceptedOnesWork(CapturedOutput output) {
		String customer = UUID.randomUUID().toString();
		String body = "{\"customerId\":\"" + customer + "\",\"amountMinor\":1200,\"currency\":\"EUR\"}";
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		// the event schemas are registered at start-up: the refusal is met and told once
		await().atMost(Duration.ofSeconds(30)).until(() -> refusalLines(output).size() == 1);

		for (int attempt = 0; attempt < 2; attempt++) {
			JsonHttp.Response refused = http.post("/api/invoices", body);

			assertThat(refused.status()).as(refused.body()).isEqualTo(503);
			assertThat(refused.header("Retry-After")).isPresent();
			assertThat(refused.json().path("type").asString()).isEqualTo("urn:tally:problem:unavailable");
		}
		assertThat(management.get("/actuator/health/readiness").status()).as("not ready").isEqualTo(503);
		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM invoice WHERE customer_id = ?::uuid", Long.class, customer))
			.as("nothing written")
			.isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class)).isZero();
		assertThat(refusalLines(output)).as("one line however often the refusal is met")
			.hasSize(1)
			.last()
			.asString()
			.contains("invoice-service")
			.doesNotContain(PASSWORD);
		assertThat(output.getAll()).doesNotContain(PASSWORD);

		registry.requireBasicAuth(Map.of("invoice-service", PASSWORD));
		// the registration's next retry succeeds (back-off at most 10 s)
		await().atMost(Duration.ofSeconds(30))
			.until(() -> management.get("/actuator/health/readiness").status() == 200);
		JsonHttp.Response accepted = http.post("/api/invoices", body);

		assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
		assertThat(registry.requestCount("POST /subjects/{subject}/versions")).isPositive();
		// relayed: the relay deletes a row once Kafka acknowledged it
		await().atMost(Duration.ofSeconds(30))
			.until(() -> jdbc.queryForObject("SELECT count(*) FROM outbox", Long.class) == 0);
		assertThat(
				jdbc.queryForObject("SELECT count(*) FROM invoice WHERE customer_id = ?::uuid", Long.class, customer))
			.isEqualTo(1);
	}

	private static List<String> refusalLines(CapturedOutput output) {
		try (Stream<String> lines = output.getAll().lines()) {
			// log lines (ECS or console), not the lines of a stack trace
			return lines.filter((line) -> line.contains("rejected the credentials of user"))
				.filter((line) -> !line.startsWith("io.tally.") && !line.startsWith("Caused by"))
				.toList();
		}
	}

}
