package io.tally.revenue;

import io.tally.support.tracing.testing.RecordedSpans;
import io.tally.testsupport.TestInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context of the integration tests (shared broker, PostgreSQL and
 * registry of the test JVM): every subclass uses exactly this configuration so the
 * context is cached and started once. Every trace is sampled and its spans kept in
 * memory.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "tally.projection.lock-timeout=300ms", "tally.projection.retry.initial-interval=100ms",
				"tally.projection.retry.max-interval=1s", "tally.projection.retry.max-elapsed-time=30s",
				"spring.kafka.consumer.properties.metadata.max.age.ms=1000", "logging.structured.format.console=",
				"logging.level.io.tally.revenue=DEBUG", "management.tracing.sampling.probability=1.0" })
@AutoConfigureMockMvc
@Import(RecordedSpans.Configuration.class)
public abstract class IntegrationTestBase {

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.registerSpringProperties(registry, "revenue");
	}

}
