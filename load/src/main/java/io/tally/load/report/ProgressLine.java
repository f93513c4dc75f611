package io.tally.load.report;

import java.util.Locale;

import io.tally.load.measure.ServiceMetrics;
import io.tally.load.measure.Timeline;
import org.HdrHistogram.Histogram;

/**
 * The line printed every second: this second's rate and latency, the measured phase so
 * far, errors by status, conflicts, the pipeline backlog and where the CPU goes.
 */
public final class ProgressLine {

	private ProgressLine() {
	}

	/**
	 * The line for one interval.
	 * @param point the interval that just ended
	 * @param total the measured phase so far
	 * @param measuredSeconds how much of the measured phase has passed
	 * @param behind open loop: requests due but not yet sent
	 * @param freshnessWaiting freshness samples not yet visible, or -1 when not measured
	 */
	public static String of(Timeline.Point point, Timeline.OperationResult total, double measuredSeconds, long behind,
			int freshnessWaiting) {
		StringBuilder line = new StringBuilder();
		line.append(String.format(Locale.ROOT, "%5.0f s %-7s %,8.0f/s p50 %6s p99 %6s ms", point.at(),
				point.phase().name().toLowerCase(Locale.ROOT), point.total().perSecond(),
				Format.ms(point.total().p50Ms()), Format.ms(point.total().p99Ms())));
		Histogram cumulative = total.latency();
		if (cumulative.getTotalCount() > 0 && measuredSeconds > 0) {
			line.append(String.format(Locale.ROOT, " | so far %,.0f/s p50 %s p99 %s ms",
					cumulative.getTotalCount() / measuredSeconds,
					Format.msOfMicros(cumulative.getValueAtPercentile(50)),
					Format.msOfMicros(cumulative.getValueAtPercentile(99))));
		}
		line.append(" | errors ").append(point.total().errors());
		if (!point.errors().isEmpty()) {
			line.append(" (").append(Format.labels(point.errors())).append(')');
		}
		if (point.total().conflicts() > 0) {
			line.append(" | conflicts ").append(point.total().conflicts());
		}
		if (behind > 0) {
			line.append(String.format(Locale.ROOT, " | behind schedule %,d", behind));
		}
		line.append(" | outbox ").append(Format.count(point.service(ServiceMetrics.Snapshot::outboxPending)));
		line.append(" | lag ").append(Format.count(point.service(ServiceMetrics.Snapshot::consumerLag)));
		if (freshnessWaiting >= 0) {
			line.append(" | fresh p99 ")
				.append((point.freshnessP99Ms() != null) ? Format.ms(point.freshnessP99Ms()) + " ms" : "-")
				.append(" (")
				.append(freshnessWaiting)
				.append(" waiting)");
		}
		line.append(String.format(Locale.ROOT, " | cpu inv %s rev %s load %.2f",
				Format.cores(point.service(ServiceMetrics.Snapshot::invoiceCpuCores)),
				Format.cores(point.service(ServiceMetrics.Snapshot::revenueCpuCores)), point.clientCpuCores()));
		return line.toString();
	}

}
