package io.tally.load.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

/** Draws with Java 2D (headless), for the PNG. */
final class Java2dCanvas implements Canvas {

	private final Graphics2D graphics;

	Java2dCanvas(Graphics2D graphics) {
		this.graphics = graphics;
		graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
	}

	@Override
	public void rect(double x, double y, double width, double height, String fill) {
		this.graphics.setColor(Color.decode(fill));
		this.graphics.fill(new Rectangle2D.Double(x, y, width, height));
	}

	@Override
	public void line(double x1, double y1, double x2, double y2, String color, double width) {
		this.graphics.setColor(Color.decode(color));
		this.graphics.setStroke(new BasicStroke((float) width));
		this.graphics.draw(new Line2D.Double(x1, y1, x2, y2));
	}

	@Override
	public void polyline(double[] x, double[] y, String color, double width) {
		this.graphics.setColor(Color.decode(color));
		this.graphics.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
		Path2D.Double path = new Path2D.Double();
		boolean drawing = false;
		for (int i = 0; i < x.length; i++) {
			if (Double.isNaN(x[i]) || Double.isNaN(y[i])) {
				drawing = false;
				continue;
			}
			if (drawing) {
				path.lineTo(x[i], y[i]);
			}
			else {
				path.moveTo(x[i], y[i]);
				drawing = true;
			}
		}
		this.graphics.draw(path);
	}

	@Override
	public void text(double x, double y, String text, int size, String color, Anchor anchor) {
		this.graphics.setColor(Color.decode(color));
		this.graphics.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
		double width = this.graphics.getFontMetrics().stringWidth(text);
		double left = switch (anchor) {
			case START -> x;
			case MIDDLE -> x - width / 2;
			case END -> x - width;
		};
		this.graphics.drawString(text, (float) left, (float) y);
	}

}
