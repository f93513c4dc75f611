package io.tally.load.report;

import java.util.Locale;
import java.util.Map;

import io.tally.load.measure.FreshnessTracker;
import io.tally.load.measure.ServiceMetrics;
import io.tally.load.measure.Timeline;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.load.workload.Operation;
import org.HdrHistogram.Histogram;

/** The plain-text summary printed at the end of a run (and shown in the HTML report). */
public final class SummaryText {

	private SummaryText() {
	}

	/** The summary of {@code report}. */
	public static String of(RunReport report) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(Locale.ROOT, "%s; warm-up %.0f s, measured %.1f s%s%n", report.model(),
				report.warmupSeconds(), report.measuredSeconds(), report.stoppedEarly() ? " (stopped early)" : ""));
		text.append(String.format(Locale.ROOT, "%-9s %10s %9s %8s %8s %8s %8s %8s %9s %7s%n", "operation", "ok", "ok/s",
				"p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "conflicts", "errors"));
		for (Map.Entry<Operation, Timeline.OperationResult> entry : report.operations().entrySet()) {
			row(text, report, entry.getKey().key(), entry.getValue());
		}
		if (report.operations().size() > 1) {
			row(text, report, "all", report.total());
		}
		if (report.targetRate() > 0) {
			double achieved = report.perSecond(report.total());
			text.append(String.format(Locale.ROOT,
					"Open loop: %,.0f requests/s asked, %,.0f/s answered successfully; latency counts from each "
							+ "request's scheduled time%n",
					report.targetRate(), achieved));
			if (report.unsent() > 0) {
				text.append(String.format(Locale.ROOT,
						"Open loop: %,d requests due before the end were never sent: the system fell that far behind "
								+ "the schedule%n",
						report.unsent()));
			}
		}
		if (!report.total().errors().isEmpty()) {
			text.append("Errors by status: ").append(Format.labels(report.total().errors())).append('\n');
		}
		reference(text, report);
		freshness(text, report);
		settle(text, report.settle());
		Double invoiceCpu = report.measuredMean((p) -> p.service(ServiceMetrics.Snapshot::invoiceCpuCores));
		Double revenueCpu = report.measuredMean((p) -> p.service(ServiceMetrics.Snapshot::revenueCpuCores));
		Double clientCpu = report.measuredMean(Timeline.Point::clientCpuCores);
		text.append(String.format(Locale.ROOT,
				"CPU, mean over the measured seconds (cores; the machine has %s): invoice-service %s, "
						+ "revenue-service %s, load harness %s%n",
				report.machine().get("cores"), Format.cores(invoiceCpu), Format.cores(revenueCpu),
				Format.cores(clientCpu)));
		double answered = report.perSecond(report.total());
		text.append(String.format(Locale.ROOT,
				"CPU per answered request (µs; the same means over %,.0f requests/s): invoice-service %s, "
						+ "revenue-service %s, load harness %s%n",
				answered, Format.cpuMicrosPerRequest(invoiceCpu, answered),
				Format.cpuMicrosPerRequest(revenueCpu, answered), Format.cpuMicrosPerRequest(clientCpu, answered)));
		return text.toString();
	}

	private static void row(StringBuilder text, RunReport report, String name, Timeline.OperationResult result) {
		Histogram latency = result.latency();
		boolean any = latency.getTotalCount() > 0;
		text.append(
				String.format(Locale.ROOT, "%-9s %,10d %,9.1f %8s %8s %8s %8s %8s %,9d %,7d%n", name, result.count(),
						report.perSecond(result), any ? Format.msOfMicros(latency.getValueAtPercentile(50)) : "-",
						any ? Format.msOfMicros(latency.getValueAtPercentile(90)) : "-",
						any ? Format.msOfMicros(latency.getValueAtPercentile(99)) : "-",
						any ? Format.msOfMicros(latency.getValueAtPercentile(99.9)) : "-",
						any ? Format.msOfMicros(latency.getMaxValue()) : "-", result.conflicts(), result.errorCount()));
	}

	private static void reference(StringBuilder text, RunReport report) {
		ReferenceTransaction.Result reference = report.reference();
		if (reference == null) {
			text.append("Reference figure: none (").append(report.referenceNote()).append(")\n");
			return;
		}
		text.append(String.format(Locale.ROOT,
				"Reference: invoice-service's create transaction straight at PostgreSQL (%s, %d clients, %.0f s): "
						+ "%,.0f tx/s",
				reference.method(), reference.clients(), reference.seconds(), reference.perSecond()));
		Double ratio = report.referenceRatio();
		if (ratio != null) {
			text.append(String.format(Locale.ROOT, "; HTTP writes %,.0f/s = %.1f %% of it", report.writesPerSecond(),
					ratio * 100));
		}
		text.append('\n');
	}

	/** How the samples were asked about, as the report's configuration says. */
	private static String probe(RunReport report) {
		Object probe = report.config().get("freshnessProbe");
		if ("wait".equals(probe)) {
			return ", waiting with Tally-After";
		}
		return "poll".equals(probe) ? ", polled" : "";
	}

	private static void freshness(StringBuilder text, RunReport report) {
		FreshnessTracker.Result fresh = report.freshness();
		if (fresh == null) {
			return;
		}
		Histogram latency = fresh.latency();
		if (latency.getTotalCount() == 0) {
			text.append(String.format(Locale.ROOT,
					"Freshness: no measured sample became visible (1 in %d creates sampled; %d timed out)%n",
					report.freshnessEvery(), fresh.timedOut()));
			return;
		}
		text.append(String.format(Locale.ROOT,
				"Freshness, POST acknowledged → visible in GET /api/revenue/customers/{id} (1 in %d creates%s, %,d "
						+ "measured samples): p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; not visible in time: %d%n",
				report.freshnessEvery(), probe(report), fresh.measured(),
				Format.msOfMicros(latency.getValueAtPercentile(50)),
				Format.msOfMicros(latency.getValueAtPercentile(90)),
				Format.msOfMicros(latency.getValueAtPercentile(99)), Format.msOfMicros(latency.getMaxValue()),
				fresh.timedOut()));
	}

	private static void settle(StringBuilder text, Settle settle) {
		if (settle == null) {
			return;
		}
		StringBuilder line = new StringBuilder();
		if (settle.lastSampleVisibleAfterEndMs() != null) {
			line.append(String.format(Locale.ROOT, "last freshness sample visible %+.0f ms after the end",
					settle.lastSampleVisibleAfterEndMs()));
		}
		if (settle.outboxPendingAtEnd() != null || settle.consumerLagAtEnd() != null) {
			if (line.length() > 0) {
				line.append("; ");
			}
			line.append("at the end: outbox ")
				.append(Format.count(settle.outboxPendingAtEnd()))
				.append(", consumer lag ")
				.append(Format.count(settle.consumerLagAtEnd()));
			line.append((settle.outboxEmptyAfterEndMs() != null)
					? String.format(Locale.ROOT, "; outbox empty %.0f ms after the end", settle.outboxEmptyAfterEndMs())
					: "; outbox not seen empty");
		}
		if (line.length() > 0) {
			text.append("After the run: ").append(line).append('\n');
		}
	}

}
