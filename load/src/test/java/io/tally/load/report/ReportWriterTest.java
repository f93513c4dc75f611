package io.tally.load.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.tally.load.measure.Stats;
import io.tally.load.measure.Timeline;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.load.workload.Operation;
import io.tally.load.workload.Outcome;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

	private static final long S = 1_000_000_000L;

	@TempDir
	Path directory;

	@Test
	void writesTheJsonReportTheHtmlChartAndThePng() throws Exception {
		RunReport report = report();
		List<Path> files = ReportWriter.write(report, this.directory.resolve("run.json"));
		assertThat(files).extracting((p) -> p.getFileName().toString())
			.containsExactly("run.json", "run.html", "run.png");

		JsonNode json = JsonMapper.builder().build().readTree(Files.readString(files.get(0)));
		assertThat(json.path("operations").propertyNames()).containsExactly("create", "summary");
		JsonNode create = json.path("operations").path("create");
		assertThat(create.path("count").asLong()).isEqualTo(200);
		assertThat(create.path("perSecond").asDouble()).isEqualTo(100.0);
		assertThat(create.path("latencyMs").path("p50").asDouble()).isBetween(4.9, 5.1);
		assertThat(create.path("latencyMs").path("max").asDouble()).isBetween(19.9, 20.1);
		assertThat(create.path("errors").path("503").asLong()).isEqualTo(2);
		assertThat(create.path("conflicts").asLong()).isZero();
		// the histogram itself travels with the report, so runs can be merged later
		Histogram decoded = Histogram.decodeFromCompressedByteBuffer(java.nio.ByteBuffer
			.wrap(java.util.Base64.getDecoder().decode(create.path("latencyHistogram").asString())), 0);
		assertThat(decoded.getTotalCount()).isEqualTo(200);
		assertThat(json.path("reference").path("perSecond").asDouble()).isEqualTo(1000.0);
		assertThat(json.path("reference").path("httpWritesShare").asDouble()).isEqualTo(0.1);
		assertThat(json.path("series")).hasSize(4);
		assertThat(json.path("series").get(0).path("phase").asString()).isEqualTo("warmup");
		assertThat(json.path("machine").path("cores").asInt()).isPositive();
		assertThat(json.path("config").path("connections").asInt()).isEqualTo(16);
		assertThat(json.path("settle").path("lastSampleVisibleAfterEndMs").asDouble()).isEqualTo(12.0);

		String html = Files.readString(files.get(1));
		assertThat(html).contains("<svg", "Throughput", "Latency", "create").doesNotContain("<script");
		assertThat(html).contains("HTTP writes 100/s = 10.0 % of it");

		BufferedImage png = ImageIO.read(files.get(2).toFile());
		assertThat(png.getWidth()).isEqualTo(ChartPainter.WIDTH);
		assertThat(png.getHeight()).as("throughput, latency and CPU charts").isEqualTo(3 * ChartPainter.HEIGHT);
	}

	@Test
	void summarisesEachOperationAndTheReference() {
		String summary = SummaryText.of(report());
		assertThat(summary).contains("16 connections, closed loop; warm-up 1 s, measured 2.0 s")
			.containsPattern("create\\s+200\\s+100\\.0\\s+5\\.0\\d")
			.contains("Errors by status: 503: 2")
			.contains("(pgbench, 8 clients, 10 s): 1,000 tx/s; HTTP writes 100/s = 10.0 % of it")
			.contains("CPU per answered request (µs; the same means over 105 requests/s): invoice-service n/a");
	}

	@Test
	void givesCpuTimePerAnsweredRequest() {
		assertThat(Format.cpuMicrosPerRequest(1.37, 4_704.1)).isEqualTo("291");
		assertThat(Format.cpuMicrosPerRequest(0.5, 1_000)).isEqualTo("500");
		assertThat(Format.cpuMicrosPerRequest(1.2, 500)).isEqualTo("2,400");
		assertThat(Format.cpuMicrosPerRequest(null, 1_000)).isEqualTo("n/a");
		assertThat(Format.cpuMicrosPerRequest(0.4, 0)).isEqualTo("n/a");
	}

	@Test
	void choosesRoundTicks() {
		assertThat(ChartPainter.niceStep(60, 10)).isEqualTo(10);
		assertThat(ChartPainter.niceStep(3400, 5)).isEqualTo(1000);
		assertThat(ChartPainter.niceStep(0.37, 5)).isEqualTo(0.1);
	}

	private static RunReport report() {
		Stats stats = new Stats();
		Timeline timeline = new Timeline(0, S, 3 * S, stats, null, null);
		record(stats, Operation.CREATE, 50, 3);
		timeline.tick(S, S);
		record(stats, Operation.CREATE, 5, 99);
		record(stats, Operation.CREATE, 20, 1);
		record(stats, Operation.SUMMARY, 1, 10);
		stats.record(new Outcome(Operation.CREATE, Outcome.Kind.ERROR, "503"), 0, 0);
		stats.record(new Outcome(Operation.CREATE, Outcome.Kind.ERROR, "503"), 0, 0);
		timeline.tick(2 * S, 2 * S);
		record(stats, Operation.CREATE, 5, 100);
		timeline.tick(3 * S, 3 * S);
		timeline.tick(3 * S + 1, 3 * S + 5);
		return new RunReport(Map.of("connections", 16), Map.of("cores", 2), "16 connections, closed loop", 0, 1.0,
				timeline.measuredSeconds(), false, 0, timeline.points(), timeline.results(), timeline.total(), null, 0,
				new Settle(12.0, null, null, null), new ReferenceTransaction.Result("pgbench", 8, 10, 10_000, 1000.0,
						"jdbc:postgresql://localhost:5432/invoices"),
				null);
	}

	private static void record(Stats stats, Operation operation, long millis, int times) {
		for (int i = 0; i < times; i++) {
			stats.record(new Outcome(operation, Outcome.Kind.OK, "201"), millis * 1_000_000, millis * 1_000_000);
		}
	}

}
