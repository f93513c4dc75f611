package io.tally.revenue;

import io.tally.support.security.Scopes;
import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of the integration tests (shared broker, PostgreSQL with
 * owner and application roles, registry and token issuer of the test JVM; the API and the
 * actuator on random ports of their own): every subclass uses exactly this configuration
 * so the context is cached and started once. Every trace is sampled and its spans kept in
 * memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "tally.projection.lock-timeout=300ms",
				"tally.projection.retry.initial-interval=100ms", "tally.projection.retry.max-interval=1s",
				"tally.projection.retry.max-elapsed-time=30s",
				"spring.kafka.consumer.properties.metadata.max.age.ms=1000", "logging.structured.format.console=",
				"logging.level.io.tally.revenue=DEBUG", "tally.projection.rebuild.check-interval=200ms",
				"tally.projection.rebuild.max-poll-records=200", "tally.reconciliation.enabled=false",
				"management.tracing.sampling.probability=1.0" })
@Import(RecordedSpans.Configuration.class)
public abstract class IntegrationTestBase {

	/** The test database of the shared context. */
	public static final String DATABASE = "revenue";

	@LocalServerPort
	protected int port;

	@LocalManagementPort
	protected int managementPort;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerSpringProperties(registry, DATABASE);
	}

	/** The revenue API, as a reader with {@code revenue:read} calls it. */
	protected JsonHttp api() {
		return new JsonHttp("http://localhost:" + this.port,
				() -> TestInfrastructure.issuer().bearer(Scopes.REVENUE_READ));
	}

	/**
	 * The API port as an operator calls it: {@code ops:admin} for {@code /api/ops/**},
	 * {@code revenue:read} for the rest.
	 */
	protected JsonHttp operations() {
		return new JsonHttp("http://localhost:" + this.port,
				() -> TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN, Scopes.REVENUE_READ));
	}

	/**
	 * The actuator on the management port, as an operator ({@code ops:admin}) calls it.
	 */
	protected JsonHttp management() {
		return new JsonHttp("http://localhost:" + this.managementPort,
				() -> TestInfrastructure.issuer().bearer(Scopes.OPS_ADMIN));
	}

}
