package io.tally.dashboard.overview;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import io.tally.dashboard.api.CurrencyTotals;
import io.tally.dashboard.api.MonthFigures;
import io.tally.dashboard.api.Reading;
import io.tally.dashboard.api.RevenueClient;
import io.tally.dashboard.api.RevenueSummary;
import io.tally.dashboard.live.FragmentView;
import io.tally.dashboard.live.LiveViews;
import io.tally.dashboard.web.FragmentRenderer;
import io.tally.dashboard.writes.RecentWrites;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The revenue overview: invoiced, collected and pending per month of one currency (chart
 * and table), the totals of every currency, and how fresh the figures are; kept live.
 */
@Controller
class OverviewController {

	private final RevenueClient revenue;

	private final RecentWrites writes;

	private final LiveViews liveViews;

	private final FragmentRenderer renderer;

	private final Clock clock;

	OverviewController(RevenueClient revenue, RecentWrites writes, LiveViews liveViews, FragmentRenderer renderer,
			Clock clock) {
		this.revenue = revenue;
		this.writes = writes;
		this.liveViews = liveViews;
		this.renderer = renderer;
		this.clock = clock;
	}

	@GetMapping("/")
	String overview(@RequestParam(required = false) String currency, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, Locale locale, Model model) {
		long mark = this.liveViews.mark();
		MonthRangeInput range = MonthRangeInput.parse(from, to, YearMonth.now(this.clock.withZone(ZoneOffset.UTC)));
		// the user's own recent changes are waited for once, on the first read
		Reading<RevenueSummary> summary = this.revenue.summary(this.writes.takeAfter());
		String chosen = choose(currency, summary.value().totals());
		List<String> currencies = Stream
			.concat(summary.value().totals().stream().map(CurrencyTotals::currency), Stream.ofNullable(chosen))
			.distinct()
			.sorted()
			.toList();
		List<MonthFigures> months = (chosen != null)
				? this.revenue.monthly(range.from(), range.to(), chosen, null).value() : List.of();
		OverviewFigures figures = new OverviewFigures(chosen, range, months, summary.value().totals(),
				(summary.watermark() != null) ? summary.watermark() : summary.value().lastEventAt());
		Runnable reload = () -> {
			Reading<RevenueSummary> fresh = this.revenue.summaryAfresh();
			List<MonthFigures> freshMonths = (chosen != null)
					? this.revenue.monthlyAfresh(range.from(), range.to(), chosen).value() : List.of();
			figures.replace(freshMonths, fresh.value().totals(),
					(fresh.watermark() != null) ? fresh.watermark() : fresh.value().lastEventAt());
		};
		String viewId = this.liveViews.register(new FragmentView("overview", figures,
				(change) -> Optional.of(figures.apply(change)), reload, this.renderer, locale, this.clock), mark);
		model.addAttribute("figures", figures);
		model.addAttribute("currencies", currencies);
		model.addAttribute("viewId", viewId);
		model.addAttribute("stale", summary.consistency() == Reading.Consistency.STALE);
		model.addAttribute("invalidField", range.invalidField());
		model.addAttribute("fromInput", (from != null) ? from : range.from().toString());
		model.addAttribute("toInput", (to != null) ? to : range.to().toString());
		model.addAttribute("now", this.clock.instant());
		return "overview";
	}

	/**
	 * The requested currency if it is a currency code (its months are zero until it has
	 * invoices), else the one with most invoices; {@code null} when there are no invoices
	 * at all.
	 */
	static String choose(String requested, List<CurrencyTotals> totals) {
		if (requested != null && requested.matches("[A-Z]{3}") && isCurrency(requested)) {
			return requested;
		}
		return totals.stream()
			.max(Comparator.comparingLong(CurrencyTotals::invoiceCount)
				.thenComparing(CurrencyTotals::currency, Comparator.reverseOrder()))
			.map(CurrencyTotals::currency)
			.orElse(null);
	}

	private static boolean isCurrency(String code) {
		try {
			Currency.getInstance(code);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
