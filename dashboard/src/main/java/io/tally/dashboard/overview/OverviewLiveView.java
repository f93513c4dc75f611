package io.tally.dashboard.overview;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tally.dashboard.api.RevenueChange;
import io.tally.dashboard.live.LiveMessage;
import io.tally.dashboard.live.LiveView;
import io.tally.dashboard.web.FragmentRenderer;

/**
 * The overview of one browser tab, kept current: a change re-renders the tables, the
 * freshness line and the chart's data, and announces each changed figure politely.
 */
final class OverviewLiveView implements LiveView {

	private final OverviewFigures figures;

	private final Runnable reload;

	private final FragmentRenderer renderer;

	private final Locale locale;

	private final Clock clock;

	OverviewLiveView(OverviewFigures figures, Runnable reload, FragmentRenderer renderer, Locale locale, Clock clock) {
		this.figures = figures;
		this.reload = reload;
		this.renderer = renderer;
		this.locale = locale;
		this.clock = clock;
	}

	@Override
	public List<LiveMessage> apply(RevenueChange change) {
		List<OverviewFigures.Announcement> changed = this.figures.apply(change);
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

	private LiveMessage render(List<OverviewFigures.Announcement> announcements) {
		return LiveMessage.revenue(this.renderer.render("overview", "live-update", this.locale,
				Map.of("figures", this.figures, "announcements", announcements, "now", this.clock.instant())));
	}

}
