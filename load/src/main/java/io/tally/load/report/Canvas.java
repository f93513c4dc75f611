package io.tally.load.report;

/** Where a chart is drawn: an SVG document or a Java 2D image. */
interface Canvas {

	/** Horizontal anchor of a text. */
	enum Anchor {

		START, MIDDLE, END

	}

	void rect(double x, double y, double width, double height, String fill);

	void line(double x1, double y1, double x2, double y2, String color, double width);

	/** A polyline through the points; NaN coordinates are skipped. */
	void polyline(double[] x, double[] y, String color, double width);

	void text(double x, double y, String text, int size, String color, Anchor anchor);

}
