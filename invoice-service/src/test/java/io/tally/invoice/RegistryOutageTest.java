package io.tally.invoice;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tally.support.security.Scopes;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * invoice-service against a schema registry that accepts TCP and never answers (the
 * service waits up to {@link #REGISTRY_TIMEOUT} for an answer, the test's clients give up
 * after {@link #CLIENT_TIMEOUT}), or that refuses its credentials: no write waits for the
 * registry, start-up does not wait for it either, and readiness waits until the event
 * schemas are registered. Completion is asserted, not latency: a write that waited for
 * the registry would outlast the client's timeout many times over.
 */
class RegistryOutageTest {

	private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

	private static final Duration REGISTRY_TIMEOUT = Duration.ofMinutes(2);

	private static final ExecutorService background = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "registry-outage-test");
		thread.setDaemon(true);
		return thread;
	});

	@AfterAll
	static void stopBackground() {
		background.shutdownNow();
	}

	@Test
	void writesOfRegisteredEventTypesCompleteWhileTheRegistryHangs() throws Exception {
		try (SwitchableRegistry registry = new SwitchableRegistry(TestInfrastructure.schemaRegistryUrl(),
				SwitchableRegistry.Mode.FORWARD); App app = App.start("invoices_registry_hangs", registry.url())) {
			await().atMost(Duration.ofSeconds(60)).until(() -> app.readiness().status() == 200);
			// warm: the first requests of a fresh JVM are slow on a busy machine
			String id = app.http().post("/api/invoices", App.invoice()).expect(201).json().path("id").asString();
			app.http().get("/api/invoices/" + id).expect(200);

			registry.switchTo(SwitchableRegistry.Mode.HANG);
			// the first deletion: an event type no write has needed so far
			CompletableFuture<JsonHttp.Response> deletion = CompletableFuture
				.supplyAsync(() -> app.send("DELETE", "/api/invoices/" + id, null), background);
			await().atMost(Duration.ofSeconds(10)).until(() -> deletion.isDone() || registry.held() > 0);
			List<Integer> statuses = new ArrayList<>();
			for (int i = 0; i < 50; i++) {
				statuses.add(app.create().status());
			}

			assertThat(statuses).hasSize(50).containsOnly(201);
			assertThat(deletion).succeedsWithin(Duration.ofSeconds(10))
				.extracting(JsonHttp.Response::status)
				.isEqualTo(204);
			assertThat(registry.held()).as("requests that reached the hanging registry").isZero();
		}
	}

	@Test
	void startsWhileTheRegistryHangsAndBecomesReadyOnceTheSchemasAreRegistered() throws Exception {
		Logger registration = (Logger) LoggerFactory.getLogger("io.tally.invoice.outbox.EventSchemaRegistration");
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		try (SwitchableRegistry registry = new SwitchableRegistry(TestInfrastructure.schemaRegistryUrl(),
				SwitchableRegistry.Mode.HANG); App app = App.start("invoices_registry_late", registry.url())) {
			// after start: the application sets its logging up afresh
			registration.addAppender(lines);
			// the context started, and the web server answers while registration hangs
			assertThat(app.send("GET", "/api/invoices", null).status()).isEqualTo(200);
			JsonHttp.Response notReady = app.readiness();
			assertThat(notReady.status()).isEqualTo(503);
			assertThat(notReady.body()).contains("OUT_OF_SERVICE");
			assertUnavailable(app.create());

			registry.switchTo(SwitchableRegistry.Mode.DENY);
			await().atMost(Duration.ofSeconds(30)).until(() -> registry.denied() >= 3);
			assertThat(app.readiness().body()).contains("401");
			assertUnavailable(app.create());
			assertThat(lines.list).filteredOn((line) -> line.getLevel() == Level.ERROR)
				.as("one line for the configuration error, however often it is met")
				.hasSize(1)
				.allSatisfy((line) -> assertThat(line.getFormattedMessage()).contains("401"));

			registry.switchTo(SwitchableRegistry.Mode.FORWARD);
			await().atMost(Duration.ofSeconds(30)).until(() -> app.readiness().status() == 200);
			assertThat(app.create().status()).isEqualTo(201);
		}
		finally {
			registration.detachAppender(lines);
		}
	}

	private static void assertUnavailable(JsonHttp.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(503);
		assertThat(response.header("Retry-After")).isPresent();
		assertThat(response.body()).contains("urn:tally:problem:unavailable");
	}

	/** invoice-service in this JVM on a database of its own and the given registry. */
	private record App(ConfigurableApplicationContext context, JsonHttp http,
			JsonHttp management) implements AutoCloseable {

		static App start(String databaseName, String registryUrl) {
			Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.springProperties(databaseName));
			properties.put("server.port", "0");
			properties.put("management.server.port", "0");
			properties.put("spring.datasource.hikari.maximum-pool-size", "4");
			properties.put("spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers());
			properties.put("spring.kafka.properties.schema.registry.url", registryUrl);
			properties.put("spring.kafka.properties.http.read.timeout.ms", REGISTRY_TIMEOUT.toMillis());
			properties.put("logging.level.io.tally.invoice.invoice", "WARN");
			ConfigurableApplicationContext context = new SpringApplicationBuilder(InvoiceServiceApplication.class)
				.registerShutdownHook(false)
				.run(TestInfrastructure.commandLine(properties));
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			return new App(context, new JsonHttp("http://localhost:" + port, App::bearer),
					JsonHttp.localhost(managementPort));
		}

		static String bearer() {
			return TestInfrastructure.issuer().bearer(Scopes.INVOICES_READ, Scopes.INVOICES_WRITE);
		}

		JsonHttp.Response create() {
			return send("POST", "/api/invoices", invoice());
		}

		static String invoice() {
			return "{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":1200,\"issueDate\":\"2026-11-02\"}";
		}

		/** A request the client gives up on after {@link #CLIENT_TIMEOUT}. */
		JsonHttp.Response send(String method, String path, String json) {
			HttpRequest.Builder request = HttpRequest.newBuilder(this.http.uri(path))
				.timeout(CLIENT_TIMEOUT)
				.header("Authorization", bearer());
			if (json != null) {
				request.header("Content-Type", "application/json");
			}
			return this.http.exchange(
					request
						.method(method,
								(json != null) ? HttpRequest.BodyPublishers.ofString(json)
										: HttpRequest.BodyPublishers.noBody())
						.build());
		}

		JsonHttp.Response readiness() {
			// as an operator: the health details are shown to ops:admin only
			return this.management.exchange(HttpRequest.newBuilder(this.management.uri("/actuator/health/readiness"))
				.header("Authorization", TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN))
				.timeout(CLIENT_TIMEOUT)
				.build());
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

}
