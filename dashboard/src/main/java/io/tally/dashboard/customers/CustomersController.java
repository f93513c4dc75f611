package io.tally.dashboard.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.tally.dashboard.api.CustomerTotals;
import io.tally.dashboard.api.InvoiceClient;
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

/** Per-customer totals in a table sortable by any column, kept live. */
@Controller
class CustomersController {

	/**
	 * The invoice API has no customer list: the customers of this many newest invoices
	 * are shown.
	 */
	static final int INVOICES_SCANNED = 2000;

	private final InvoiceClient invoices;

	private final RevenueClient revenue;

	private final RecentWrites writes;

	private final LiveViews liveViews;

	private final FragmentRenderer renderer;

	private final Clock clock;

	CustomersController(InvoiceClient invoices, RevenueClient revenue, RecentWrites writes, LiveViews liveViews,
			FragmentRenderer renderer, Clock clock) {
		this.invoices = invoices;
		this.revenue = revenue;
		this.writes = writes;
		this.liveViews = liveViews;
		this.renderer = renderer;
		this.clock = clock;
	}

	@GetMapping("/customers")
	String customers(@RequestParam(required = false) String sort, @RequestParam(required = false) String dir,
			Locale locale, Model model) {
		long mark = this.liveViews.mark();
		CustomerSort order = CustomerSort.parse(sort, dir);
		Reading<RevenueSummary> summary = this.revenue.summary(this.writes.takeAfter());
		CustomerFigures figures = new CustomerFigures(order, read(), watermark(summary));
		Runnable reload = () -> {
			Reading<RevenueSummary> fresh = this.revenue.summaryAfresh();
			figures.replace(read(), watermark(fresh));
		};
		model.addAttribute("figures", figures);
		model.addAttribute("columns", CustomerSort.Column.values());
		model.addAttribute("stale", summary.consistency() == Reading.Consistency.STALE);
		model.addAttribute("viewId", this.liveViews.register(
				new FragmentView("customers", figures, figures::apply, reload, this.renderer, locale, this.clock),
				mark));
		model.addAttribute("now", this.clock.instant());
		return "customers";
	}

	private List<CustomerTotals> read() {
		List<CustomerTotals> rows = new ArrayList<>();
		for (UUID customer : this.invoices.customerIds(INVOICES_SCANNED)) {
			this.revenue.customer(customer).ifPresent(rows::addAll);
		}
		return rows;
	}

	private static Instant watermark(Reading<RevenueSummary> summary) {
		return (summary.watermark() != null) ? summary.watermark() : summary.value().lastEventAt();
	}

}
