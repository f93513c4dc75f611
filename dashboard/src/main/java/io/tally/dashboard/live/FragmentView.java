package io.tally.dashboard.live;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.tally.dashboard.api.RevenueChange;
import io.tally.dashboard.web.FragmentRenderer;

/**
 * A page whose live update is the {@code live-update} fragment of its template, rendered
 * in the page's language with the page's figures ({@code figures}), what a change altered
 * ({@code announced}, for the live region) and the time ({@code now}).
 */
public final class FragmentView implements LiveView {

	private final String template;

	private final Object figures;

	private final Function<RevenueChange, Optional<List<?>>> apply;

	private final Runnable reload;

	private final FragmentRenderer renderer;

	private final Locale locale;

	private final Clock clock;

	/**
	 * A view of {@code figures}: {@code apply} changes them and says what to announce
	 * (empty: nothing this page shows changed), {@code reload} reads them again.
	 */
	public FragmentView(String template, Object figures, Function<RevenueChange, Optional<List<?>>> apply,
			Runnable reload, FragmentRenderer renderer, Locale locale, Clock clock) {
		this.template = template;
		this.figures = figures;
		this.apply = apply;
		this.reload = reload;
		this.renderer = renderer;
		this.locale = locale;
		this.clock = clock;
	}

	@Override
	public List<LiveMessage> apply(RevenueChange change) {
		return this.apply.apply(change).map((announced) -> List.of(render(announced))).orElse(List.of());
	}

	@Override
	public List<LiveMessage> snapshot() {
		return List.of(render(List.of()));
	}

	@Override
	public void reload() {
		this.reload.run();
	}

	private LiveMessage render(List<?> announced) {
		return LiveMessage.revenue(this.renderer.render(this.template, "live-update", this.locale,
				Map.of("figures", this.figures, "announced", announced, "now", this.clock.instant())));
	}

}
