package io.tally.load.report;

import java.util.List;

/**
 * One line chart over the run's time axis.
 *
 * @param title the title
 * @param unit the unit of the y axis
 * @param lines the lines
 * @param warmupEnd seconds from the start where the warm-up ends (shaded before)
 */
record Chart(String title, String unit, List<Line> lines, double warmupEnd) {

	/**
	 * One line; NaN values leave a gap.
	 *
	 * @param name the legend
	 * @param color a {@code #rrggbb} colour
	 * @param x seconds from the start
	 * @param y the values
	 */
	record Line(String name, String color, double[] x, double[] y) {

	}

	boolean isEmpty() {
		return this.lines.stream().allMatch((line) -> java.util.Arrays.stream(line.y()).allMatch(Double::isNaN));
	}

}
