package io.tally.dashboard.overview;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.tally.dashboard.api.CurrencyTotals;
import io.tally.dashboard.api.MonthFigures;
import io.tally.dashboard.api.RevenueChange;
import io.tally.dashboard.live.FragmentView;
import io.tally.dashboard.live.LiveMessage;
import io.tally.dashboard.web.FragmentRenderer;
import org.junit.jupiter.api.Test;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live update of the overview, rendered by the real templates and message bundles.
 */
class OverviewLiveViewTest {

	static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

	static final YearMonth MARCH = YearMonth.of(2026, 3);

	@Test
	void announcesEachChangedFigureOfTheChosenCurrencyInTheUsersLanguage() {
		FragmentView view = view(Locale.GERMAN);

		List<LiveMessage> messages = view.apply(new RevenueChange(NOW,
				List.of(new MonthFigures(MARCH, "EUR", 123450, 123450, 0), new MonthFigures(MARCH, "USD", 999, 999, 0)),
				List.of(), List.of(new CurrencyTotals("EUR", 123450, 123450, 0, 2))));

		assertThat(messages).singleElement().satisfies((message) -> {
			assertThat(message.event()).isEqualTo("revenue");
			assertThat(message.html()).doesNotContain("\n")
				.contains("Eingenommen für März 2026 beträgt jetzt 1.234,50\u00a0€")
				.contains("Offen für März 2026 beträgt jetzt 0,00\u00a0€")
				.doesNotContain("Fakturiert für")
				.contains("<template><tbody id=\"month-rows\" hx-swap-oob=\"true\">")
				.contains("<div id=\"announcer\" hx-swap-oob=\"innerHTML\">")
				.contains("id=\"freshness\"");
		});
	}

	@Test
	void aChangeOfAnotherCurrencyUpdatesTheTotalsWithoutAnnouncement() {
		FragmentView view = view(Locale.ENGLISH);

		List<LiveMessage> messages = view
			.apply(new RevenueChange(NOW, List.of(new MonthFigures(MARCH, "USD", 999, 999, 0)), List.of(),
					List.of(new CurrencyTotals("USD", 999, 999, 0, 1))));

		assertThat(messages).singleElement()
			.satisfies((message) -> assertThat(message.html()).contains("$9.99").doesNotContain("id=\"announcer\""));
	}

	@Test
	void theSnapshotAnnouncesNothing() {
		assertThat(view(Locale.forLanguageTag("ar")).snapshot()).singleElement()
			.satisfies((message) -> assertThat(message.html()).contains("مارس ٢٠٢٦").doesNotContain("announcer"));
	}

	private static FragmentView view(Locale locale) {
		OverviewFigures figures = new OverviewFigures("EUR", new MonthRangeInput(MARCH.minusMonths(1), MARCH, null),
				List.of(new MonthFigures(MARCH, "EUR", 123450, 0, 123450)),
				List.of(new CurrencyTotals("EUR", 123450, 0, 123450, 2)), NOW.minusSeconds(5));
		return new FragmentView("overview", figures, (change) -> Optional.of(figures.apply(change)), () -> {
		}, new FragmentRenderer(templates()), locale, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private static SpringTemplateEngine templates() {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("templates/");
		resolver.setSuffix(".html");
		resolver.setCharacterEncoding("UTF-8");
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setAlwaysUseMessageFormat(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(messages);
		return engine;
	}

}
