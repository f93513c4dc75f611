package io.tally.localstack;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

class LaunchOptionsTest {

	@Test
	void defaultsToDocumentedPortsAndStateUnderProjectRoot() {
		LaunchOptions options = LaunchOptions.parse("--project-root=/tmp/tally");

		assertThat(options.ports()).isEqualTo(Ports.defaults());
		assertThat(options.stateDirectory()).isEqualTo(Path.of("/tmp/tally/.tally"));
		assertThat(options.postgresPortFixed()).isFalse();
		assertThat(options.starts(Service.INVOICE_SERVICE)).isTrue();
		assertThat(options.starts(Service.REVENUE_SERVICE)).isTrue();
		assertThat(options.startsInfrastructure()).isTrue();
		assertThat(options.startsAuthServer()).isTrue();
		assertThat(options.ports().authServer()).isEqualTo(9000);
		assertThat(options.ports().invoiceManagement()).isEqualTo(8180);
		assertThat(options.ports().revenueManagement()).isEqualTo(8182);
		assertThat(options.startsDashboard()).isTrue();
		assertThat(options.ports().dashboard()).isEqualTo(8083);
		assertThat(options.ports().dashboardManagement()).isEqualTo(8183);
	}

	@Test
	void onlyDashboardStartsNothingElseAndItsActuatorFollowsItsPort() {
		LaunchOptions options = LaunchOptions.parse("--only=dashboard", "--dashboard-port=18083");

		assertThat(options.startsDashboard()).isTrue();
		assertThat(options.startsAuthServer()).isFalse();
		assertThat(options.starts(Service.INVOICE_SERVICE)).isFalse();
		assertThat(options.startsInfrastructure()).isFalse();
		assertThat(options.ports().dashboard()).isEqualTo(18083);
		assertThat(options.ports().dashboardManagement()).isEqualTo(18183);
	}

	@Test
	void securesKafkaUnlessAskedForPlaintext() {
		assertThat(LaunchOptions.parse().kafkaSecurity()).isEqualTo(KafkaSecurity.SASL_ACLS);
		assertThat(LaunchOptions.parse("--kafka-plaintext").kafkaSecurity()).isEqualTo(KafkaSecurity.PLAINTEXT);
		assertThat(LaunchOptions.USAGE).contains("--kafka-plaintext");
	}

	@Test
	void onlyStartsOneServiceAndNoInfrastructure() {
		LaunchOptions options = LaunchOptions.parse("--only=revenue-service");

		assertThat(options.starts(Service.REVENUE_SERVICE)).isTrue();
		assertThat(options.starts(Service.INVOICE_SERVICE)).isFalse();
		assertThat(options.startsInfrastructure()).isFalse();
		assertThat(options.startsAuthServer()).isFalse();
	}

	@Test
	void onlyAuthServerStartsNeitherServicesNorInfrastructure() {
		LaunchOptions options = LaunchOptions.parse("--only=auth-server", "--auth-port=19000");

		assertThat(options.startsAuthServer()).isTrue();
		assertThat(options.starts(Service.INVOICE_SERVICE)).isFalse();
		assertThat(options.starts(Service.REVENUE_SERVICE)).isFalse();
		assertThat(options.startsInfrastructure()).isFalse();
		assertThat(options.ports().authServer()).isEqualTo(19000);
	}

	@Test
	void infraOnlyStartsNoService() {
		LaunchOptions options = LaunchOptions.parse("--infra-only", "--wipe");

		assertThat(options.starts(Service.INVOICE_SERVICE)).isFalse();
		assertThat(options.starts(Service.REVENUE_SERVICE)).isFalse();
		assertThat(options.startsAuthServer()).as("the services need an issuer").isTrue();
		assertThat(options.startsDashboard()).isFalse();
		assertThat(options.wipe()).isTrue();
	}

	@Test
	void takesExplicitPortsAndStateDirectory() {
		LaunchOptions options = LaunchOptions.parse("--postgres-port=15432", "--kafka-port=19092",
				"--invoice-port=18080", "--revenue-port=18082", "--state-dir=/tmp/elsewhere");

		assertThat(options.ports().postgres()).isEqualTo(15432);
		assertThat(options.ports().kafka()).isEqualTo(19092);
		assertThat(options.ports().invoiceService()).isEqualTo(18080);
		assertThat(options.ports().managementOf(Service.INVOICE_SERVICE)).as("its actuator follows").isEqualTo(18180);
		assertThat(options.ports().managementOf(Service.REVENUE_SERVICE)).isEqualTo(18182);
		assertThat(options.postgresPortFixed()).isTrue();
		assertThat(options.stateDirectory()).isEqualTo(Path.of("/tmp/elsewhere"));
	}

	@Test
	void rebuildsTheProjectionOfTheStackOnTheGivenRevenuePort() {
		LaunchOptions options = LaunchOptions.parse("--rebuild-projection", "--revenue-port=18082");

		assertThat(options.rebuildProjection()).isTrue();
		assertThat(options.ports().revenueService()).isEqualTo(18082);
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--rebuild-projection", "--wipe"))
			.withMessageContaining("running stack");
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--rebuild-projection", "--seed"));
	}

	@Test
	void tracesNothingUnlessAsked() {
		LaunchOptions options = LaunchOptions.parse();

		assertThat(options.tracing()).isEqualTo(Tracing.OFF);
		assertThat(options.tracing().serviceProperties())
			.containsExactly(entry("management.tracing.export.enabled", "false"));
	}

	@Test
	void tracesEveryRequestWithTracingAndExportsOnlyToAGivenEndpoint() {
		assertThat(LaunchOptions.parse("--tracing").tracing().serviceProperties())
			.containsExactly(entry("management.tracing.sampling.probability", "1.0"));
		Tracing exporting = LaunchOptions.parse("--otlp-endpoint=http://localhost:4318/v1/traces").tracing();
		assertThat(exporting.enabled()).as("an endpoint implies --tracing").isTrue();
		assertThat(exporting.serviceProperties()).containsEntry("management.opentelemetry.tracing.export.otlp.endpoint",
				"http://localhost:4318/v1/traces");
	}

	@Test
	void saysWhenNoCollectorAnswersAtTheEndpoint() {
		int closed = Ports.freePort();
		assertThat(Tracing.exportingTo("http://127.0.0.1:" + closed + "/v1/traces").describe())
			.contains("nothing answers there now");
		assertThat(Tracing.OFF.describe()).startsWith("off");
		assertThat(Tracing.exportingTo(null).describe()).contains("exported nowhere");
	}

	@Test
	void replacesTheTracingModeOfTheSettingsWhole() {
		StackSettings settings = StackSettings.forProject(Path.of("/tmp/tally"), Path.of("/tmp/tally/.tally"),
				Ports.defaults());
		assertThat(settings.serviceProperties()).containsEntry("management.tracing.export.enabled", "false");
		StackSettings traced = settings.withTracing(Tracing.exportingTo("http://localhost:4318/v1/traces"));
		assertThat(traced.serviceProperties()).doesNotContainKey("management.tracing.export.enabled")
			.containsEntry("management.tracing.sampling.probability", "1.0");
		assertThat(traced.withTracing(Tracing.OFF).serviceProperties())
			.containsExactly(entry("management.tracing.export.enabled", "false"));
	}

	@Test
	void rejectsUnknownOptionsBadPortsAndContradictions() {
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--colour"))
			.withMessageContaining("Unknown option");
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--kafka-port=abc"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--kafka-port=70000"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--only=billing-service"))
			.withMessageContaining("auth-server");
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--otlp-endpoint=localhost:4318"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LaunchOptions.parse("--infra-only", "--only=invoice-service"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--infra-only", "--seed"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--only=auth-server", "--seed"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--auth-port=0"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--only=dashboard", "--seed"));
		assertThatIllegalArgumentException().isThrownBy(() -> LaunchOptions.parse("--dashboard-port=65500"))
			.withMessageContaining("actuator");
	}

}
