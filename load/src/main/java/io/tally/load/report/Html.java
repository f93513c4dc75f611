package io.tally.load.report;

import java.util.List;
import java.util.Map;

/** The HTML report: the summary tables and the charts as inline SVG, no scripts. */
final class Html {

	private Html() {
	}

	static String page(RunReport report, List<Chart> charts) {
		StringBuilder html = new StringBuilder();
		html.append("""
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<title>Tally load run</title>
				<style>
				body { font-family: sans-serif; margin: 24px; color: #111; max-width: 1000px; }
				table { border-collapse: collapse; margin: 8px 0 20px; }
				th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: right; font-size: 13px; }
				th:first-child, td:first-child { text-align: left; }
				pre { background: #f6f6f6; padding: 8px; white-space: pre-wrap; font-size: 12px; }
				figure { margin: 0 0 12px; }
				</style>
				</head>
				<body>
				<h1>Tally load run</h1>
				""");
		html.append("<p>")
			.append(escape(report.model()))
			.append("; warm-up ")
			.append(ChartPainter.number(report.warmupSeconds()))
			.append(" s, measured ")
			.append(ChartPainter.number(ReportWriter.round(report.measuredSeconds(), 1)))
			.append(" s")
			.append(report.stoppedEarly() ? " (stopped early)" : "")
			.append(".</p>\n");
		html.append("<pre>").append(escape(SummaryText.of(report))).append("</pre>\n");
		for (Chart chart : charts) {
			if (chart.isEmpty()) {
				continue;
			}
			SvgCanvas canvas = new SvgCanvas(ChartPainter.WIDTH, ChartPainter.HEIGHT);
			ChartPainter.paint(chart, canvas, 0);
			html.append("<figure>").append(canvas.finish()).append("</figure>\n");
		}
		html.append("<h2>Configuration</h2>\n<table>\n");
		row(html, report.config());
		html.append("</table>\n<h2>Machine</h2>\n<table>\n");
		row(html, report.machine());
		html.append("</table>\n</body>\n</html>\n");
		return html.toString();
	}

	private static void row(StringBuilder html, Map<String, Object> values) {
		values.forEach((key, value) -> html.append("<tr><td>")
			.append(escape(key))
			.append("</td><td>")
			.append(escape(String.valueOf(value)))
			.append("</td></tr>\n"));
	}

	static String escape(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
