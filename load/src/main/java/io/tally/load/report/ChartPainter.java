package io.tally.load.report;

import java.util.Locale;

/**
 * Lays out and draws one {@link Chart} on a {@link Canvas}: axes with rounded ticks, the
 * warm-up shaded, a legend. The same code draws the SVG and the PNG.
 */
final class ChartPainter {

	static final int WIDTH = 960;

	static final int HEIGHT = 280;

	private static final double LEFT = 70;

	private static final double RIGHT = 20;

	private static final double TOP = 34;

	private static final double BOTTOM = 40;

	private ChartPainter() {
	}

	/** Draws {@code chart} into the {@link #WIDTH} × {@link #HEIGHT} box at (0, top). */
	static void paint(Chart chart, Canvas canvas, double top) {
		double plotLeft = LEFT;
		double plotRight = WIDTH - RIGHT;
		double plotTop = top + TOP;
		double plotBottom = top + HEIGHT - BOTTOM;
		double xMax = 1;
		double yMax = 0;
		for (Chart.Line line : chart.lines()) {
			for (int i = 0; i < line.x().length; i++) {
				xMax = Math.max(xMax, line.x()[i]);
				if (!Double.isNaN(line.y()[i])) {
					yMax = Math.max(yMax, line.y()[i]);
				}
			}
		}
		double yStep = niceStep((yMax > 0) ? yMax : 1, 5);
		double yTop = Math.max(yStep, Math.ceil(yMax / yStep) * yStep);
		double xStep = niceStep(xMax, 10);
		double xSpan = xMax;

		canvas.rect(0, top, WIDTH, HEIGHT, "#ffffff");
		if (chart.warmupEnd() > 0) {
			double warm = plotLeft + (plotRight - plotLeft) * Math.min(1, chart.warmupEnd() / xSpan);
			canvas.rect(plotLeft, plotTop, warm - plotLeft, plotBottom - plotTop, "#eeeeee");
			canvas.text(plotLeft + 4, plotTop + 12, "warm-up", 10, "#888888", Canvas.Anchor.START);
		}
		for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
			double py = plotBottom - (plotBottom - plotTop) * y / yTop;
			canvas.line(plotLeft, py, plotRight, py, "#dddddd", 1);
			canvas.text(plotLeft - 6, py + 4, number(y), 11, "#444444", Canvas.Anchor.END);
		}
		for (double x = 0; x <= xSpan + xStep / 2; x += xStep) {
			double px = plotLeft + (plotRight - plotLeft) * x / xSpan;
			canvas.line(px, plotBottom, px, plotBottom + 4, "#444444", 1);
			canvas.text(px, plotBottom + 17, number(x), 11, "#444444", Canvas.Anchor.MIDDLE);
		}
		canvas.line(plotLeft, plotBottom, plotRight, plotBottom, "#444444", 1);
		canvas.line(plotLeft, plotTop, plotLeft, plotBottom, "#444444", 1);
		canvas.text(plotRight, plotBottom + 33, "seconds from start", 11, "#444444", Canvas.Anchor.END);
		canvas.text(plotLeft, top + 20, chart.title() + " (" + chart.unit() + ")", 14, "#111111", Canvas.Anchor.START);

		double legendX = plotRight;
		for (int i = chart.lines().size() - 1; i >= 0; i--) {
			Chart.Line line = chart.lines().get(i);
			double textWidth = line.name().length() * 6.5;
			canvas.text(legendX, top + 20, line.name(), 11, "#111111", Canvas.Anchor.END);
			canvas.rect(legendX - textWidth - 16, top + 13, 12, 4, line.color());
			legendX -= textWidth + 30;
		}

		for (Chart.Line line : chart.lines()) {
			double[] px = new double[line.x().length];
			double[] py = new double[line.y().length];
			for (int i = 0; i < px.length; i++) {
				px[i] = plotLeft + (plotRight - plotLeft) * line.x()[i] / xSpan;
				py[i] = Double.isNaN(line.y()[i]) ? Double.NaN
						: plotBottom - (plotBottom - plotTop) * line.y()[i] / yTop;
			}
			canvas.polyline(px, py, line.color(), 1.6);
		}
	}

	/**
	 * A step of 1, 2 or 5 × 10^n that cuts {@code span} into at most about {@code parts}.
	 */
	static double niceStep(double span, int parts) {
		double raw = span / parts;
		double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
		for (double factor : new double[] { 1, 2, 5, 10 }) {
			if (factor * magnitude >= raw) {
				return factor * magnitude;
			}
		}
		return 10 * magnitude;
	}

	static String number(double value) {
		if (value >= 1000) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (value == Math.rint(value)) {
			return String.format(Locale.ROOT, "%.0f", value);
		}
		return String.format(Locale.ROOT, (value >= 1) ? "%.1f" : "%.2f", value);
	}

}
