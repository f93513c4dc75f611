package io.tally.load.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.tally.load.measure.ServiceMetrics;
import io.tally.load.measure.Timeline;
import io.tally.load.workload.Operation;

/** The charts of a run: throughput, latency, pipeline backlog and CPU over time. */
final class Charts {

	private static final String[] PALETTE = { "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
			"#17becf" };

	private static final String RED = "#d62728";

	private Charts() {
	}

	static List<Chart> of(RunReport report) {
		// the tail (requests in flight at the end) is a sliver of a second: its rate
		// would be noise
		List<Timeline.Point> points = report.points().stream().filter((p) -> p.phase() != Timeline.Phase.TAIL).toList();
		double[] x = points.stream().mapToDouble(Timeline.Point::at).toArray();
		List<Chart> charts = new ArrayList<>();

		List<Chart.Line> throughput = new ArrayList<>();
		throughput.add(new Chart.Line("all", "#111111", x, values(points, (p) -> p.total().perSecond())));
		if (report.operations().size() > 1) {
			int color = 0;
			for (Operation operation : report.operations().keySet()) {
				throughput.add(new Chart.Line(operation.key(), PALETTE[color++ % PALETTE.length], x,
						values(points, (p) -> perSecond(p, operation))));
			}
		}
		if (points.stream().anyMatch((p) -> p.total().errors() > 0)) {
			throughput.add(new Chart.Line("errors", RED, x, values(points, (p) -> p.total().errors() / p.seconds())));
		}
		charts.add(new Chart("Throughput", "requests/s", throughput, report.warmupSeconds()));

		charts.add(new Chart("Latency, all operations", "ms",
				List.of(new Chart.Line("max", "#bbbbbb", x, values(points, (p) -> gap(p, p.total().maxMs()))),
						new Chart.Line("p50", PALETTE[0], x, values(points, (p) -> gap(p, p.total().p50Ms()))),
						new Chart.Line("p99", PALETTE[1], x, values(points, (p) -> gap(p, p.total().p99Ms())))),
				report.warmupSeconds()));

		if (report.freshness() != null) {
			charts.add(new Chart("Freshness: POST acknowledged → visible in revenue, p99 per second", "ms",
					List.of(new Chart.Line("p99", PALETTE[2], x,
							values(points, (p) -> (p.freshnessP99Ms() != null) ? p.freshnessP99Ms() : Double.NaN))),
					report.warmupSeconds()));
		}

		Chart pipeline = new Chart("Pipeline backlog", "records",
				List.of(new Chart.Line("outbox pending", PALETTE[3], x,
						values(points, (p) -> service(p, ServiceMetrics.Snapshot::outboxPending))),
						new Chart.Line("consumer lag", PALETTE[4], x,
								values(points, (p) -> service(p, ServiceMetrics.Snapshot::consumerLag)))),
				report.warmupSeconds());
		if (!pipeline.isEmpty()) {
			charts.add(pipeline);
		}

		charts.add(new Chart("CPU", "cores",
				List.of(new Chart.Line("invoice-service", PALETTE[0], x,
						values(points, (p) -> service(p, ServiceMetrics.Snapshot::invoiceCpuCores))),
						new Chart.Line("revenue-service", PALETTE[1], x,
								values(points, (p) -> service(p, ServiceMetrics.Snapshot::revenueCpuCores))),
						new Chart.Line("load harness", PALETTE[2], x, values(points, Timeline.Point::clientCpuCores))),
				report.warmupSeconds()));
		return charts;
	}

	private static double perSecond(Timeline.Point point, Operation operation) {
		Timeline.OperationPoint op = point.operations().get(operation);
		return (op != null) ? op.perSecond() : 0;
	}

	/** A latency of a second without successful requests is a gap, not zero. */
	private static double gap(Timeline.Point point, double value) {
		return (point.total().count() > 0) ? value : Double.NaN;
	}

	private static double service(Timeline.Point point, Function<ServiceMetrics.Snapshot, Double> figure) {
		Double value = point.service(figure);
		return (value != null) ? value : Double.NaN;
	}

	private static double[] values(List<Timeline.Point> points, java.util.function.ToDoubleFunction<Timeline.Point> f) {
		return points.stream().mapToDouble(f).toArray();
	}

}
