package io.tally.load.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How figures are written in the summary and the progress line. */
final class Format {

	private Format() {
	}

	/** Milliseconds with three significant digits or so. */
	static String ms(double ms) {
		return String.format(Locale.ROOT, (ms >= 100) ? "%.0f" : (ms >= 10) ? "%.1f" : "%.2f", ms);
	}

	/** Microseconds (as HdrHistogram holds them) as milliseconds. */
	static String msOfMicros(long micros) {
		return ms(micros / 1000.0);
	}

	/** A count, or {@code n/a}. */
	static String count(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%,.0f", value) : "n/a";
	}

	/**
	 * CPU time per answered request in microseconds — cores busy divided by requests a
	 * second — or {@code n/a}: unlike a rate, it compares across machines of different
	 * speed and load.
	 */
	static String cpuMicrosPerRequest(Double cores, double perSecond) {
		return (cores != null && perSecond > 0) ? String.format(Locale.ROOT, "%,.0f", cores * 1e6 / perSecond) : "n/a";
	}

	/** CPU cores, or {@code n/a}. */
	static String cores(Double value) {
		return (value != null) ? String.format(Locale.ROOT, "%.2f", value) : "n/a";
	}

	/** {@code 503: 3, io: 1}. */
	static String labels(Map<String, Long> counts) {
		return counts.entrySet()
			.stream()
			.map((e) -> e.getKey() + ": " + String.format(Locale.ROOT, "%,d", e.getValue()))
			.collect(Collectors.joining(", "));
	}

}
