package io.tally.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tally.load.LoadOptions;
import io.tally.load.LoadRun;
import io.tally.load.reference.PostgresTarget;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.testsupport.http.JsonHttp;
import io.tally.localstack.LocalStack;
import io.tally.localstack.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load harness ({@code ./load.sh}) against the whole stack as separate processes: a
 * few seconds of every write and read operation end with each of them measured, no error,
 * freshness samples and the reference figure; the reference transaction leaves nothing in
 * the invoice database.
 * <p>
 * It runs on the stack the other system tests share, after them: its few seconds of load
 * make invoices of their own.
 */
@Order(3)
class LoadHarnessEndToEndTest {

	private static LocalStack stack;

	private static Path state;

	@BeforeAll
	static void sharedStack() throws Exception {
		SharedStack shared = SharedStack.get();
		stack = shared.stack();
		state = shared.stateDirectory();
	}

	@Test
	void aShortMixedRunMeasuresEveryOperationWithoutErrors() throws Exception {
		Path report = state.resolve("load/report.json");
		LoadOptions options = LoadOptions.parse(new String[] { "--invoice-url", stack.url(Service.INVOICE_SERVICE),
				"--revenue-url", stack.url(Service.REVENUE_SERVICE), "--connections", "4", "--warmup", "1s",
				"--duration", "5s", "--mix", "create=4,update=2,pay=2,delete=2", "--reads",
				"summary=1,monthly=1,customer=1", "--customers", "10", "--freshness-sample", "5",
				"--reference-jdbc-url", invoiceDatabase(), "--reference-duration", "1s", "--reference-clients", "2",
				"--report", report.toString(), "--quiet" }, Map.of());
		new LoadRun(options, System.out).run();

		JsonNode json = JsonHttp.json().readTree(Files.readString(report));
		JsonNode operations = json.path("operations");
		assertThat(operations.propertyNames()).containsExactlyInAnyOrder("create", "update", "pay", "delete", "summary",
				"monthly", "customer");
		for (JsonNode operation : operations) {
			assertThat(operation.path("count").asLong()).isPositive();
			assertThat(operation.path("latencyMs").path("p99").asDouble()).isPositive();
		}
		assertThat(json.path("total").path("errors").propertyNames()).as("errors by status").isEmpty();
		assertThat(json.path("total").path("conflicts").asLong()).as("412s: the harness owns its invoices").isZero();
		JsonNode freshness = json.path("freshness");
		assertThat(freshness.path("measuredSamples").asLong()).isPositive();
		assertThat(freshness.path("timedOut").asLong()).isZero();
		assertThat(freshness.path("ackToVisibleMs").path("p50").asDouble()).isPositive();
		assertThat(json.path("reference").path("perSecond").asDouble()).isPositive();
		assertThat(json.path("reference").path("httpWritesShare").asDouble()).isPositive();
		// the services were scraped: the progress line's outbox backlog and CPU come from
		// there
		List<JsonNode> measured = new ArrayList<>();
		json.path("series").forEach((point) -> {
			if (point.path("phase").asString().equals("measure")) {
				measured.add(point);
			}
		});
		assertThat(measured).hasSizeGreaterThanOrEqualTo(5);
		assertThat(measured).allSatisfy((point) -> {
			assertThat(point.path("outboxPending").isNumber()).isTrue();
			assertThat(point.path("consumerLag").isNumber()).isTrue();
		});
		assertThat(json.path("settle").path("outboxEmptyAfterEndMs").isNumber()).isTrue();
		assertThat(report.resolveSibling("report.html")).content().contains("<svg");
		assertThat(report.resolveSibling("report.png")).isNotEmptyFile();
		assertThat(scratchSchemas()).isEmpty();
	}

	@Test
	void theReferenceTransactionAlsoRunsOverJdbcAndLeavesNothingBehind() throws Exception {
		ReferenceTransaction.Result result = new ReferenceTransaction(PostgresTarget.parse(invoiceDatabase()))
			.run(ReferenceTransaction.Method.JDBC, 2, Duration.ofSeconds(1));
		assertThat(result.method()).isEqualTo("jdbc");
		assertThat(result.transactions()).isPositive();
		assertThat(scratchSchemas()).isEmpty();
	}

	private static String invoiceDatabase() {
		return stack.jdbcUrl("invoices") + "?user=tally";
	}

	private static List<String> scratchSchemas() throws SQLException {
		List<String> schemas = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(invoiceDatabase());
				ResultSet rows = connection.createStatement()
					.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'tally_load%'")) {
			while (rows.next()) {
				schemas.add(rows.getString(1));
			}
		}
		return schemas;
	}

}
