package io.tally.invoice;

import java.net.URI;
import java.time.Duration;

import io.tally.support.security.Scopes;
import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: one application context (same configuration everywhere,
 * so Spring caches and shares it) on the shared broker, the shared PostgreSQL (Flyway as
 * the owner role, the service as the application role), the registry stand-in and the
 * test token issuer; the API and the actuator on random ports of their own; every trace
 * sampled and its spans kept in memory ({@code -Dbench.sampling=0} turns recording off,
 * for the benchmarks' comparison).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "tally.outbox.poll-interval=200ms",
				"tally.outbox.leader-retry-interval=200ms", "logging.level.io.tally.invoice.invoice=WARN",
				"management.tracing.sampling.probability=${bench.sampling:1.0}" })
@Import(RecordedSpans.Configuration.class)
public abstract class ServiceIntegrationTest {

	public static final String DATABASE = "invoices";

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerSpringProperties(registry, DATABASE);
	}

	/**
	 * Writes need the event schemas, which the application registers in the background
	 * after start-up: wait for readiness, as a load balancer would.
	 */
	@BeforeEach
	void awaitReadiness() {
		JsonHttp management = JsonHttp.localhost(this.managementPort);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> management.get("/actuator/health/readiness").status() == 200);
	}

	protected URI uri(String path) {
		return http().uri(path);
	}

	/**
	 * The shared JSON-over-HTTP client, pointed at this application's API, sending a
	 * fresh token with both invoice scopes.
	 */
	protected JsonHttp http() {
		return new JsonHttp("http://localhost:" + this.port,
				() -> TestInfrastructure.issuer().bearer(Scopes.INVOICES_READ, Scopes.INVOICES_WRITE));
	}

	/**
	 * The API port as an operator calls it: {@code ops:admin} for {@code /api/ops/**},
	 * both invoice scopes for the rest.
	 */
	protected JsonHttp operations() {
		return new JsonHttp("http://localhost:" + this.port, () -> TestInfrastructure.issuer()
			.bearer(Scopes.OPS_ADMIN, Scopes.INVOICES_READ, Scopes.INVOICES_WRITE));
	}

	/** The actuator on the management port, as an operator (ops:admin) calls it. */
	protected JsonHttp management() {
		return new JsonHttp("http://localhost:" + this.managementPort,
				() -> TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN));
	}

	protected JsonHttp.Response send(String method, String path, String json, String... headers) {
		return http().send(method, path, json, headers);
	}

}
