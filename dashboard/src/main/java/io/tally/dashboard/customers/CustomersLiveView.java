package io.tally.dashboard.customers;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tally.dashboard.api.CustomerTotals;
import io.tally.dashboard.api.RevenueChange;
import io.tally.dashboard.live.LiveMessage;
import io.tally.dashboard.live.LiveView;
import io.tally.dashboard.web.FragmentRenderer;

/** The customers table of one browser tab, kept current and announced. */
final class CustomersLiveView implements LiveView {

	private final CustomerFigures figures;

	private final Runnable reload;

	private final FragmentRenderer renderer;

	private final Locale locale;

	private final Clock clock;

	CustomersLiveView(CustomerFigures figures, Runnable reload, FragmentRenderer renderer, Locale locale, Clock clock) {
		this.figures = figures;
		this.reload = reload;
		this.renderer = renderer;
		this.locale = locale;
		this.clock = clock;
	}

	@Override
	public List<LiveMessage> apply(RevenueChange change) {
		List<CustomerTotals> changed = this.figures.apply(change);
		if (change.customers().isEmpty() && change.watermark() == null) {
			return List.of();
		}
		return List.of(render(changed));
	}

	@Override
	public List<LiveMessage> snapshot() {
		return List.of(render(List.of()));
	}

	@Override
	public void reload() {
		this.reload.run();
	}

	private LiveMessage render(List<CustomerTotals> changed) {
		return LiveMessage.revenue(this.renderer.render("customers", "live-update", this.locale,
				Map.of("figures", this.figures, "changed", changed, "now", this.clock.instant())));
	}

}
