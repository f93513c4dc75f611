package io.tally.invoice;

import java.net.URI;
import java.time.Duration;

import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Base of the integration tests: one application context (same configuration everywhere,
 * so Spring caches and shares it) on the shared broker, the shared PostgreSQL and the
 * registry stand-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tally.outbox.poll-interval=200ms", "tally.outbox.leader-retry-interval=200ms",
				"logging.level.io.tally.invoice.invoice=WARN" })
public abstract class ServiceIntegrationTest {

	public static final String DATABASE = "invoices";

	@LocalServerPort
	protected int port;

	@Autowired
	private Environment environment;

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
		int managementPort = this.environment.getProperty("local.management.port", Integer.class, this.port);
		JsonHttp management = JsonHttp.localhost(managementPort);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> management.get("/actuator/health/readiness").status() == 200);
	}

	protected URI uri(String path) {
		return http().uri(path);
	}

	/** The shared JSON-over-HTTP client, pointed at this application. */
	protected JsonHttp http() {
		return JsonHttp.localhost(this.port);
	}

	protected JsonHttp.Response send(String method, String path, String json, String... headers) {
		return http().send(method, path, json, headers);
	}

}
