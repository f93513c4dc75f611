package io.tally.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.tally.load.bulk.BulkOptions;
import io.tally.load.workload.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {

	@Test
	void defaultsToACreateRunAtTheLocalStack() {
		LoadOptions options = parse();
		assertThat(options.invoiceUrl()).isEqualTo("http://localhost:8080");
		assertThat(options.revenueUrl()).isEqualTo("http://localhost:8082");
		assertThat(options.invoiceMetricsUrl()).isEqualTo("http://localhost:8180");
		assertThat(options.revenueMetricsUrl()).isEqualTo("http://localhost:8182");
		assertThat(options.mix().toString()).isEqualTo("create=100");
		assertThat(options.model().connections()).isEqualTo(16);
		assertThat(options.model().isOpenLoop()).isFalse();
		assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
		assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(10));
		assertThat(options.freshnessEvery()).isEqualTo(20);
		assertThat(options.freshnessProbe()).isEqualTo(LoadOptions.FreshnessProbe.WAIT);
		assertThat(options.tokenUrl()).isNull();
		assertThat(options.report()).isEqualTo(Path.of("target/load/report.json"));
	}

	@Test
	void scrapesTheServiceItselfWhenItIsNotOnTheDefaultPort() {
		LoadOptions options = parse("--invoice-url", "http://localhost:18080",
				"--revenue-url=http://tally.example/rev");
		assertThat(options.invoiceMetricsUrl()).isEqualTo("http://localhost:18080");
		assertThat(options.revenueMetricsUrl()).isEqualTo("http://tally.example/rev");
		assertThat(parse("--revenue-metrics-url", "http://localhost:9999").revenueMetricsUrl())
			.isEqualTo("http://localhost:9999");
		assertThat(parse("--no-metrics").invoiceMetricsUrl()).isNull();
	}

	@Test
	void aReadMixAloneIsAReadOnlyRunWithoutFreshness() {
		LoadOptions options = parse("--reads", "summary=1,monthly=1,customer=1", "--connections", "32");
		assertThat(options.mix().hasWrites()).isFalse();
		assertThat(options.mix().includes(Operation.CUSTOMER)).isTrue();
		assertThat(options.freshnessEvery()).isZero();
	}

	@Test
	void aRateMeansOpenLoopWithMoreConnectionsInFlight() {
		LoadOptions options = parse("--rate", "500", "--duration", "90s", "--warmup", "500ms");
		assertThat(options.model().isOpenLoop()).isTrue();
		assertThat(options.model().ratePerSecond()).isEqualTo(500);
		assertThat(options.model().connections()).isEqualTo(64);
		assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
		assertThat(LoadOptions.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
		assertThat(LoadOptions.parseDuration("1.5")).isEqualTo(Duration.ofMillis(1500));
	}

	@Test
	void takesTheSecretFromTheEnvironmentAndNeverShowsIt() {
		LoadOptions options = LoadOptions.parse(
				new String[] { "--token-url", "http://localhost:9000/oauth2/token", "--client-id", "tally-cli" },
				Map.of(LoadOptions.SECRET_VARIABLE, "hunter2"));
		assertThat(options.clientSecret()).isEqualTo("hunter2");
		assertThat(options.toString()).doesNotContain("hunter2");
		assertThat(options.describe().toString()).doesNotContain("hunter2").contains("tally-cli");
	}

	@Test
	void namesWhatIsWrong() {
		assertThatThrownBy(() -> parse("--conections", "3")).hasMessage("Unknown option --conections (see --help)");
		assertThatThrownBy(() -> parse("--connections")).hasMessage("--connections needs a value");
		assertThatThrownBy(() -> parse("--connections", "0")).hasMessage("--connections must be at least 1");
		assertThatThrownBy(() -> parse("--rate", "fast")).hasMessageContaining("--rate must be a number");
		assertThatThrownBy(() -> parse("--freshness-probe", "peek"))
			.hasMessage("--freshness-probe must be wait or poll");
		assertThat(parse("--freshness-probe", "poll").freshnessProbe()).isEqualTo(LoadOptions.FreshnessProbe.POLL);
		assertThatThrownBy(() -> parse("--duration", "1 minute")).hasMessageContaining("Not a duration");
		assertThatThrownBy(() -> parse("--mix", "summary=1")).hasMessageStartingWith("--mix: Unknown write operation");
		assertThatThrownBy(() -> parse("--token-url", "http://localhost:9000/oauth2/token"))
			.hasMessageContaining("--client-id and --client-secret");
		assertThatThrownBy(() -> parse("--reference", "jdbc")).hasMessageContaining("--reference-jdbc-url");
		assertThatThrownBy(() -> parse("--invoice-url", "localhost:8080")).hasMessageContaining("--invoice-url");
		assertThatThrownBy(() -> parse("extra")).hasMessageContaining("Unexpected argument");
	}

	@Test
	void findsTheReferenceDatabaseInTheLocalStacksStateDirectory(@TempDir Path state) throws IOException {
		Files.writeString(state.resolve("stack.properties"), "postgres.port=15432\nkafka.port=19092\n");
		assertThat(parse("--stack-dir", state.toString()).referenceJdbcUrl())
			.isEqualTo("jdbc:postgresql://localhost:15432/invoices?user=invoices_owner");
		assertThat(parse("--stack-dir", state.toString()).tokenUrl()).as("no auth-server in this stack").isNull();
		assertThatThrownBy(() -> parse("--stack-dir", state.resolve("missing").toString()))
			.hasMessageContaining("--stack-dir: cannot read");
	}

	@Test
	void takesTheTokenOfTheLocalStacksAuthorizationServer(@TempDir Path state) throws IOException {
		Files.writeString(state.resolve("stack.properties"), "postgres.port=15432\nauth.port=19000\n");
		Files.createDirectories(state.resolve("auth"));
		Files.writeString(state.resolve("auth/credentials.properties"), "tally.auth.clients.cli.secret=generated\n");
		LoadOptions options = parse("--stack-dir", state.toString());
		assertThat(options.tokenUrl()).isEqualTo("http://localhost:19000/oauth2/token");
		assertThat(options.clientId()).isEqualTo("tally-cli");
		assertThat(options.clientSecret()).isEqualTo("generated");
		assertThat(parse("--stack-dir", state.toString(), "--token-url", "http://idp.example/token", "--client-id",
				"other", "--client-secret", "s")
			.clientId()).as("given options win").isEqualTo("other");
	}

	@Test
	void aBulkLoadTakesTheBrokerRegistryAndKafkaSignInOfTheLocalStack(@TempDir Path state) throws IOException {
		Files.writeString(state.resolve("stack.properties"),
				"postgres.port=15432\nkafka.port=19092\nregistry.port=18081\nkafka.security=SASL_ACLS\n");
		Files.createDirectories(state.resolve("kafka"));
		Files.writeString(state.resolve("kafka/admin-client.properties"), "security.protocol=SASL_PLAINTEXT\n");
		LoadOptions options = parse("--stack-dir", state.toString(), "--bulk-events", "1_000");
		BulkOptions bulk = options.bulk();
		assertThat(bulk.events()).isEqualTo(1000);
		assertThat(bulk.customers()).as("one for every ten invoices").isEqualTo(100);
		assertThat(bulk.currencies()).isEqualTo(BulkOptions.DEFAULT_CURRENCIES);
		assertThat(bulk.topic()).isEqualTo("invoice-events");
		assertThat(bulk.bootstrapServers()).isEqualTo("localhost:19092");
		assertThat(bulk.registryUrl()).isEqualTo("http://localhost:18081");
		assertThat(bulk.kafkaConfig()).isEqualTo(state.resolve("kafka/admin-client.properties"));
		assertThat(bulk.await()).isTrue();
		assertThat(bulk.stallTimeout()).isEqualTo(BulkOptions.DEFAULT_STALL_TIMEOUT);

		Files.writeString(state.resolve("stack.properties"),
				"postgres.port=15432\nkafka.port=19092\nregistry.port=18081\nkafka.security=PLAINTEXT\n");
		assertThat(parse("--stack-dir", state.toString(), "--bulk-events", "10").bulk().kafkaConfig())
			.as("a broker without SASL, the file left from an earlier start")
			.isNull();
	}

	@Test
	void aBulkLoadNeedsABrokerAndARegistryAndNamesWhatIsWrong() {
		BulkOptions bulk = parse("--bulk-events", "50", "--bulk-customers", "7", "--bulk-currencies", "usd, jpy",
				"--kafka-bootstrap", "broker:9092", "--registry-url", "http://registry:8081", "--topic", "t",
				"--no-wait", "--settle-timeout", "45s")
			.bulk();
		assertThat(bulk.stallTimeout()).isEqualTo(Duration.ofSeconds(45));
		assertThat(bulk.customers()).isEqualTo(7);
		assertThat(bulk.currencies()).containsExactly("USD", "JPY");
		assertThat(bulk.topic()).isEqualTo("t");
		assertThat(bulk.await()).isFalse();
		assertThat(parse().bulk()).as("no bulk load without --bulk-events").isNull();

		assertThatThrownBy(() -> parse("--bulk-events", "10")).hasMessageContaining("--kafka-bootstrap");
		assertThatThrownBy(() -> parse("--bulk-events", "10", "--kafka-bootstrap", "b:1"))
			.hasMessageContaining("--registry-url");
		assertThatThrownBy(() -> parse("--bulk-events", "0")).hasMessage("--bulk-events must be at least 1");
		assertThatThrownBy(() -> parse("--bulk-events", "10", "--kafka-bootstrap", "b:1", "--registry-url", "http://r",
				"--bulk-currencies", "USD,XXY"))
			.hasMessage("--bulk-currencies: XXY is no ISO 4217 code");
		assertThatThrownBy(() -> parse("--bulk-events", "10", "--kafka-bootstrap", "b:1", "--registry-url", "http://r",
				"--kafka-config", "no/such/file.properties"))
			.hasMessageContaining("--kafka-config: cannot read");
		assertThatThrownBy(() -> parse("--kafka-bootstrap", "b:1"))
			.hasMessage("--kafka-bootstrap belongs to a bulk load: give --bulk-events N");
	}

	private static LoadOptions parse(String... args) {
		return LoadOptions.parse(args, Map.of());
	}

}
