package io.tally.load.report;

import java.util.Locale;

/** Draws into an inline SVG element. */
final class SvgCanvas implements Canvas {

	private final StringBuilder svg = new StringBuilder();

	SvgCanvas(int width, int height) {
		this.svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
			.append(width)
			.append("\" height=\"")
			.append(height)
			.append("\" viewBox=\"0 0 ")
			.append(width)
			.append(' ')
			.append(height)
			.append("\" font-family=\"sans-serif\">\n");
	}

	@Override
	public void rect(double x, double y, double width, double height, String fill) {
		this.svg.append(
				String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
						x, y, width, height, fill));
	}

	@Override
	public void line(double x1, double y1, double x2, double y2, String color, double width) {
		this.svg.append(String.format(Locale.ROOT,
				"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>%n", x1, y1,
				x2, y2, color, width));
	}

	@Override
	public void polyline(double[] x, double[] y, String color, double width) {
		StringBuilder points = new StringBuilder();
		for (int i = 0; i < x.length; i++) {
			if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
				flush(points, color, width);
				continue;
			}
			points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x[i], y[i]));
		}
		flush(points, color, width);
	}

	private void flush(StringBuilder points, String color, double width) {
		if (points.length() > 0) {
			this.svg.append("<polyline fill=\"none\" stroke=\"")
				.append(color)
				.append(String.format(Locale.ROOT, "\" stroke-width=\"%.1f\" points=\"", width))
				.append(points.toString().trim())
				.append("\"/>\n");
			points.setLength(0);
		}
	}

	@Override
	public void text(double x, double y, String text, int size, String color, Anchor anchor) {
		this.svg
			.append(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%s\" text-anchor=\"%s\">", x, y, size, color,
					anchor.name().toLowerCase(Locale.ROOT)))
			.append(Html.escape(text))
			.append("</text>\n");
	}

	String finish() {
		return this.svg.append("</svg>\n").toString();
	}

}
