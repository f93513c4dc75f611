package io.tally.load.report;

import java.util.List;
import java.util.Map;

import io.tally.load.measure.FreshnessTracker;
import io.tally.load.measure.Timeline;
import io.tally.load.reference.ReferenceTransaction;
import io.tally.load.workload.Operation;

/**
 * Everything one run found out, ready to be written as JSON, HTML, PNG and a summary.
 *
 * @param config the options of the run (no secrets)
 * @param machine cores, memory, operating system, JVM
 * @param model how requests were sent, in words
 * @param targetRate open loop: the requests per second asked for; 0 in closed loop
 * @param warmupSeconds the warm-up
 * @param measuredSeconds the measured time
 * @param stoppedEarly whether the run was interrupted
 * @param unsent open loop: requests due before the end that were never sent because the
 * system had fallen behind
 * @param points the per-second series, warm-up included
 * @param operations the measured figures per operation
 * @param total all operations together
 * @param freshness freshness figures, or null when not measured
 * @param freshnessEvery one create in how many was sampled
 * @param settle how the pipeline caught up after the run
 * @param reference the reference figure, or null
 * @param referenceNote why there is no reference figure, or null
 */
public record RunReport(Map<String, Object> config, Map<String, Object> machine, String model, double targetRate,
		double warmupSeconds, double measuredSeconds, boolean stoppedEarly, long unsent, List<Timeline.Point> points,
		Map<Operation, Timeline.OperationResult> operations, Timeline.OperationResult total,
		FreshnessTracker.Result freshness, int freshnessEvery, Settle settle, ReferenceTransaction.Result reference,
		String referenceNote) {

	/** Successful requests per second of the measured phase. */
	public double perSecond(Timeline.OperationResult result) {
		return (this.measuredSeconds > 0) ? result.count() / this.measuredSeconds : 0;
	}

	/** Successful writes (create, update, pay, delete) per second. */
	public double writesPerSecond() {
		return this.operations.entrySet()
			.stream()
			.filter((e) -> e.getKey().isWrite())
			.mapToDouble((e) -> perSecond(e.getValue()))
			.sum();
	}

	/** The write rate as a share of the reference figure, or null. */
	public Double referenceRatio() {
		if (this.reference == null || this.reference.perSecond() <= 0 || writesPerSecond() == 0) {
			return null;
		}
		return writesPerSecond() / this.reference.perSecond();
	}

	/**
	 * The mean of a figure over the measured seconds, or null when it was never
	 * available.
	 */
	public Double measuredMean(java.util.function.Function<Timeline.Point, Double> figure) {
		return this.points.stream()
			.filter((p) -> p.phase() == Timeline.Phase.MEASURE)
			.map(figure)
			.filter((v) -> v != null && !v.isNaN())
			.mapToDouble(Double::doubleValue)
			.average()
			.stream()
			.boxed()
			.findFirst()
			.orElse(null);
	}

	/** The largest value of a figure over the measured seconds, or null. */
	public Double measuredMax(java.util.function.Function<Timeline.Point, Double> figure) {
		return this.points.stream()
			.filter((p) -> p.phase() == Timeline.Phase.MEASURE)
			.map(figure)
			.filter((v) -> v != null && !v.isNaN())
			.max(Double::compare)
			.orElse(null);
	}

}
