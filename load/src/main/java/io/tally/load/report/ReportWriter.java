package io.tally.load.report;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import io.tally.load.measure.FreshnessTracker;
import io.tally.load.measure.ServiceMetrics;
import io.tally.load.measure.Timeline;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.load.workload.Operation;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's report: {@code report.json}, and next to it {@code report.html} (inline
 * SVG charts, no scripts) and {@code report.png} (the same charts, drawn with Java 2D).
 */
public final class ReportWriter {

	private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

	private ReportWriter() {
	}

	/**
	 * Writes the JSON report to {@code json} and the charts next to it.
	 * @return the files written
	 */
	public static List<Path> write(RunReport report, Path json) throws IOException {
		Path directory = json.toAbsolutePath().getParent();
		Files.createDirectories(directory);
		// siblings named like the file as given, so the printed paths read alike
		String base = json.getFileName().toString().replaceFirst("\\.json$", "");
		List<Path> written = new ArrayList<>();
		Files.writeString(json, JSON.writeValueAsString(json(report)) + "\n");
		written.add(json);
		Path html = json.resolveSibling(base + ".html");
		Files.writeString(html, Html.page(report, Charts.of(report)));
		written.add(html);
		Path png = json.resolveSibling(base + ".png");
		if (png(report, png)) {
			written.add(png);
		}
		return written;
	}

	/** The JSON document of a report, as maps and lists. */
	static Map<String, Object> json(RunReport report) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("tool", "tally-load");
		root.put("config", report.config());
		root.put("machine", report.machine());
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("model", report.model());
		run.put("targetRatePerSecond", (report.targetRate() > 0) ? report.targetRate() : null);
		run.put("warmupSeconds", report.warmupSeconds());
		run.put("measuredSeconds", round(report.measuredSeconds(), 3));
		run.put("stoppedEarly", report.stoppedEarly());
		run.put("unsentRequests", (report.targetRate() > 0) ? report.unsent() : null);
		root.put("run", run);
		Map<String, Object> operations = new LinkedHashMap<>();
		report.operations().forEach((operation, result) -> operations.put(operation.key(), operation(report, result)));
		root.put("operations", operations);
		root.put("total", operation(report, report.total()));
		root.put("writesPerSecond", round(report.writesPerSecond(), 1));
		root.put("freshness", freshness(report));
		root.put("settle", report.settle());
		Map<String, Object> reference = new LinkedHashMap<>();
		if (report.reference() != null) {
			ReferenceTransaction.Result ref = report.reference();
			reference.put("method", ref.method());
			reference.put("clients", ref.clients());
			reference.put("seconds", ref.seconds());
			reference.put("transactions", ref.transactions());
			reference.put("perSecond", round(ref.perSecond(), 1));
			reference.put("target", ref.target());
			reference.put("statements", "invoice-service's create: INSERT INTO invoice … ; INSERT INTO outbox … "
					+ "(trigger: pg_notify) in one transaction, in a scratch schema dropped afterwards");
			reference.put("httpWritesShare",
					(report.referenceRatio() != null) ? round(report.referenceRatio(), 4) : null);
		}
		else {
			reference.put("skipped", report.referenceNote());
		}
		root.put("reference", reference);
		Map<String, Object> services = new LinkedHashMap<>();
		services.put("invoiceCpuCoresMean",
				round(report.measuredMean((p) -> p.service(ServiceMetrics.Snapshot::invoiceCpuCores)), 3));
		services.put("revenueCpuCoresMean",
				round(report.measuredMean((p) -> p.service(ServiceMetrics.Snapshot::revenueCpuCores)), 3));
		services.put("loadHarnessCpuCoresMean", round(report.measuredMean(Timeline.Point::clientCpuCores), 3));
		services.put("invoiceJvmMemoryBytesMax",
				report.measuredMax((p) -> p.service(ServiceMetrics.Snapshot::invoiceMemoryBytes)));
		services.put("revenueJvmMemoryBytesMax",
				report.measuredMax((p) -> p.service(ServiceMetrics.Snapshot::revenueMemoryBytes)));
		services.put("outboxPendingMax", report.measuredMax((p) -> p.service(ServiceMetrics.Snapshot::outboxPending)));
		services.put("consumerLagMax", report.measuredMax((p) -> p.service(ServiceMetrics.Snapshot::consumerLag)));
		root.put("services", services);
		root.put("series", report.points().stream().map(ReportWriter::point).toList());
		return root;
	}

	private static Map<String, Object> operation(RunReport report, Timeline.OperationResult result) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("count", result.count());
		json.put("perSecond", round(report.perSecond(result), 1));
		json.put("conflicts", result.conflicts());
		json.put("errors", result.errors());
		json.put("latencyMs", percentiles(result.latency()));
		if (report.targetRate() > 0) {
			// open loop: latency counts from the scheduled send, service time from the
			// actual one
			json.put("serviceTimeMs", percentiles(result.service()));
		}
		json.put("latencyHistogram", encoded(result.latency()));
		return json;
	}

	private static Map<String, Object> freshness(RunReport report) {
		FreshnessTracker.Result fresh = report.freshness();
		if (fresh == null) {
			return null;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("sampleEvery", report.freshnessEvery());
		json.put("measuredSamples", fresh.measured());
		json.put("allSamples", fresh.samples());
		json.put("timedOut", fresh.timedOut());
		json.put("stillOutstanding", fresh.outstanding());
		json.put("probeErrors", fresh.probeErrors());
		json.put("ackToVisibleMs", percentiles(fresh.latency()));
		json.put("histogram", encoded(fresh.latency()));
		return json;
	}

	private static Map<String, Object> point(Timeline.Point point) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("at", round(point.at(), 3));
		json.put("seconds", round(point.seconds(), 3));
		json.put("phase", point.phase().name().toLowerCase(java.util.Locale.ROOT));
		json.put("total", point.total());
		Map<String, Object> operations = new LinkedHashMap<>();
		point.operations().forEach((operation, op) -> operations.put(operation.key(), op));
		json.put("operations", operations);
		json.put("errors", point.errors());
		json.put("freshnessSamples", point.freshnessSamples());
		json.put("freshnessP99Ms", point.freshnessP99Ms());
		ServiceMetrics.Snapshot services = point.services();
		if (services != null) {
			json.put("outboxPending", services.outboxPending());
			json.put("consumerLag", services.consumerLag());
			json.put("invoiceCpuCores", round(services.invoiceCpuCores(), 3));
			json.put("revenueCpuCores", round(services.revenueCpuCores(), 3));
			json.put("invoiceJvmMemoryBytes", services.invoiceMemoryBytes());
			json.put("revenueJvmMemoryBytes", services.revenueMemoryBytes());
		}
		json.put("loadHarnessCpuCores", round(point.clientCpuCores(), 3));
		return json;
	}

	/** p50, p90, p99, p99.9, max and mean in milliseconds (null when empty). */
	static Map<String, Object> percentiles(Histogram micros) {
		if (micros.getTotalCount() == 0) {
			return null;
		}
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("p50", ms(micros.getValueAtPercentile(50)));
		json.put("p90", ms(micros.getValueAtPercentile(90)));
		json.put("p99", ms(micros.getValueAtPercentile(99)));
		json.put("p999", ms(micros.getValueAtPercentile(99.9)));
		json.put("max", ms(micros.getMaxValue()));
		json.put("mean", round(micros.getMean() / 1000, 3));
		return json;
	}

	/** HdrHistogram's compressed, base64 form (as in its log format), in microseconds. */
	static String encoded(Histogram histogram) {
		ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
		int length = histogram.encodeIntoCompressedByteBuffer(buffer);
		return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), length));
	}

	private static boolean png(RunReport report, Path png) {
		try {
			System.setProperty("java.awt.headless", "true");
			List<Chart> charts = Charts.of(report).stream().filter((c) -> !c.isEmpty()).toList();
			BufferedImage image = new BufferedImage(ChartPainter.WIDTH, ChartPainter.HEIGHT * charts.size(),
					BufferedImage.TYPE_INT_RGB);
			Graphics2D graphics = image.createGraphics();
			try {
				Java2dCanvas canvas = new Java2dCanvas(graphics);
				for (int i = 0; i < charts.size(); i++) {
					ChartPainter.paint(charts.get(i), canvas, i * ChartPainter.HEIGHT);
				}
			}
			finally {
				graphics.dispose();
			}
			return ImageIO.write(image, "png", png.toFile());
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			// no fonts or no Java 2D on this JVM: the HTML has the same charts
			System.err.println("No PNG chart (" + ex + "); the HTML report has the same charts");
			return false;
		}
	}

	static double ms(long micros) {
		return micros / 1000.0;
	}

	static Double round(Double value, int digits) {
		if (value == null || value.isNaN() || value.isInfinite()) {
			return null;
		}
		double scale = Math.pow(10, digits);
		return Math.round(value * scale) / scale;
	}

	/** Operations in the order of the enum, for tables. */
	static List<Operation> ordered(Map<Operation, ?> operations) {
		return operations.keySet().stream().sorted().toList();
	}

}
