package io.tally.load.measure;

import java.util.HashMap;
import java.util.Map;

/**
 * The samples of a Prometheus text exposition, per metric name: their sum and their
 * maximum over all label sets. NaN samples are skipped.
 */
final class PrometheusText {

	private final Map<String, double[]> byName = new HashMap<>();

	private PrometheusText() {
	}

	static PrometheusText parse(String text) {
		PrometheusText parsed = new PrometheusText();
		text.lines().forEach(parsed::line);
		return parsed;
	}

	private void line(String line) {
		if (line.isEmpty() || line.charAt(0) == '#') {
			return;
		}
		int nameEnd = 0;
		while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
			nameEnd++;
		}
		String name = line.substring(0, nameEnd);
		int valueStart = nameEnd;
		if (valueStart < line.length() && line.charAt(valueStart) == '{') {
			valueStart = line.lastIndexOf('}') + 1;
		}
		String[] rest = line.substring(valueStart).trim().split("\\s+");
		if (rest.length == 0 || rest[0].isEmpty()) {
			return;
		}
		double value;
		try {
			value = Double.parseDouble(rest[0]);
		}
		catch (NumberFormatException ex) {
			return;
		}
		if (Double.isNaN(value)) {
			return;
		}
		this.byName.merge(name, new double[] { value, value },
				(a, b) -> new double[] { a[0] + b[0], Math.max(a[1], b[1]) });
	}

	/** The sum over all label sets, or null when the metric is absent. */
	Double sum(String name) {
		double[] values = this.byName.get(name);
		return (values != null) ? values[0] : null;
	}

	/** The largest value over all label sets, or null when the metric is absent. */
	Double max(String name) {
		double[] values = this.byName.get(name);
		return (values != null) ? values[1] : null;
	}

}
