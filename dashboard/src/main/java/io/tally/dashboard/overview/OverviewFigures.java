package io.tally.dashboard.overview;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.tally.dashboard.api.CurrencyTotals;
import io.tally.dashboard.api.MonthFigures;
import io.tally.dashboard.api.RevenueChange;

/**
 * What the overview shows: one currency's figures per month of a range, the totals of
 * every currency and how fresh they are. Changes of the revenue stream are applied to it,
 * and each changed figure of the chosen currency is reported for the screen-reader
 * announcement.
 */
final class OverviewFigures {

	private final String currency;

	private final MonthRangeInput range;

	private final Map<YearMonth, MonthFigures> months = new TreeMap<>();

	private final Map<String, CurrencyTotals> totals = new TreeMap<>();

	private Instant watermark;

	OverviewFigures(String currency, MonthRangeInput range, List<MonthFigures> months,
			Collection<CurrencyTotals> totals, Instant watermark) {
		this.currency = currency;
		this.range = range;
		replace(months, totals, watermark);
	}

	/** Replaces every figure (after a reload). */
	void replace(List<MonthFigures> months, Collection<CurrencyTotals> totals, Instant watermark) {
		this.months.clear();
		for (YearMonth month = this.range.from(); !month.isAfter(this.range.to()); month = month.plusMonths(1)) {
			this.months.put(month, MonthFigures.empty(month, this.currency));
		}
		months.stream()
			.filter((figures) -> figures.currency().equals(this.currency) && this.range.contains(figures.month()))
			.forEach((figures) -> this.months.put(figures.month(), figures));
		this.totals.clear();
		totals.forEach((total) -> this.totals.put(total.currency(), total));
		this.watermark = watermark;
	}

	/**
	 * Applies the new absolute figures of a change; returns the figures of the chosen
	 * currency that changed, in the order of the table.
	 */
	List<Announcement> apply(RevenueChange change) {
		List<Announcement> changed = new ArrayList<>();
		for (MonthFigures figures : change.months()) {
			if (!figures.currency().equals(this.currency) || !this.range.contains(figures.month())) {
				continue;
			}
			MonthFigures before = this.months.get(figures.month());
			this.months.put(figures.month(), figures);
			if (before.invoicedMinor() != figures.invoicedMinor()) {
				changed.add(new Announcement(Figure.INVOICED, figures.month(), figures.invoicedMinor()));
			}
			if (before.collectedMinor() != figures.collectedMinor()) {
				changed.add(new Announcement(Figure.COLLECTED, figures.month(), figures.collectedMinor()));
			}
			if (before.pendingMinor() != figures.pendingMinor()) {
				changed.add(new Announcement(Figure.PENDING, figures.month(), figures.pendingMinor()));
			}
		}
		change.totals().forEach((total) -> this.totals.put(total.currency(), total));
		if (change.watermark() != null && (this.watermark == null || change.watermark().isAfter(this.watermark))) {
			this.watermark = change.watermark();
		}
		return changed;
	}

	public String getCurrency() {
		return this.currency;
	}

	public MonthRangeInput getRange() {
		return this.range;
	}

	/** The months of the range, oldest first, zeros included. */
	public List<MonthFigures> getMonths() {
		return List.copyOf(this.months.values());
	}

	/** Totals of every currency, by code. */
	public List<CurrencyTotals> getTotals() {
		return List.copyOf(this.totals.values());
	}

	public Instant getWatermark() {
		return this.watermark;
	}

	/** The three figures of a month. */
	enum Figure {

		INVOICED, COLLECTED, PENDING;

		/** Message key of the figure's name. */
		public String key() {
			return "figure." + name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * A figure that changed: "Collected for March 2026 is now €1,234.00".
	 *
	 * @param figure which figure
	 * @param month its month
	 * @param minor its new value
	 */
	record Announcement(Figure figure, YearMonth month, long minor) {
	}

}
