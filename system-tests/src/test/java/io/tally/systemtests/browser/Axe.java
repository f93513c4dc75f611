package io.tally.systemtests.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core, the accessibility rules engine, run inside the page: WCAG 2.0–2.2 A and AA
 * rules plus axe's best practices. The script comes from a Maven Central artifact
 * (Deque's Selenium integration ships {@code axe.min.js}); it is injected into the page
 * by WebDriver, which the page's Content-Security-Policy does not restrict.
 */
public final class Axe {

	static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

	private static final String SOURCE = load();

	private Axe() {
	}

	/** The violations on the page as it is now, one line each; empty when none. */
	@SuppressWarnings("unchecked")
	public static List<String> violations(Browser browser) {
		if (!Boolean.TRUE.equals(browser.script("return typeof window.axe !== 'undefined'"))) {
			browser.script(SOURCE);
		}
		Object result = ((org.openqa.selenium.JavascriptExecutor) browser.driver())
			.executeAsyncScript("const done = arguments[arguments.length - 1];"
					+ "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
					+ ".then(r => done(r.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ': '"
					+ " + v.nodes.map(n => n.target.join(' ')).join(', '))))"
					+ ".catch(e => done(['axe failed: ' + e]));", TAGS);
		return (List<String>) result;
	}

	/** The version of axe-core in use, e.g. {@code 4.11.1}. */
	public static String version(Browser browser) {
		violations(browser);
		return String.valueOf(browser.script("return axe.version"));
	}

	private static String load() {
		try (InputStream in = Axe.class.getClassLoader().getResourceAsStream("axe.min.js")) {
			if (in == null) {
				throw new IllegalStateException(
						"axe.min.js is not on the test classpath (com.deque.html.axe-core:selenium)");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
