package io.tally.invoice;

import java.net.URI;

import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.TestInfrastructure;
import io.tally.testsupport.http.JsonHttp;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: one application context (same configuration everywhere,
 * so Spring caches and shares it) on the shared broker, the shared PostgreSQL and the
 * registry stand-in, with every trace sampled and its spans kept in memory
 * ({@code -Dbench.sampling=0} turns recording off, for the benchmarks' comparison).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tally.outbox.poll-interval=200ms", "tally.outbox.leader-retry-interval=200ms",
				"logging.level.io.tally.invoice.invoice=WARN",
				"management.tracing.sampling.probability=${bench.sampling:1.0}" })
@Import(RecordedSpans.Configuration.class)
public abstract class ServiceIntegrationTest {

	public static final String DATABASE = "invoices";

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerSpringProperties(registry, DATABASE);
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
