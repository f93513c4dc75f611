package io.tally.dashboard.customers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.tally.dashboard.api.CustomerTotals;
import io.tally.dashboard.api.RevenueChange;

/**
 * The customers table: one row per customer and currency, in the chosen order. Changes of
 * the revenue stream replace rows (or add customers that appear) and report what changed.
 */
final class CustomerFigures {

	private final CustomerSort sort;

	private final Map<Key, CustomerTotals> rows = new LinkedHashMap<>();

	private Instant watermark;

	CustomerFigures(CustomerSort sort, Collection<CustomerTotals> rows, Instant watermark) {
		this.sort = sort;
		replace(rows, watermark);
	}

	void replace(Collection<CustomerTotals> rows, Instant watermark) {
		this.rows.clear();
		rows.forEach((row) -> this.rows.put(Key.of(row), row));
		this.watermark = watermark;
	}

	/**
	 * Applies a change; returns the rows whose collected or pending figure changed, or
	 * empty when the change touches nothing this table shows.
	 */
	Optional<List<?>> apply(RevenueChange change) {
		if (change.customers().isEmpty() && change.watermark() == null) {
			return Optional.empty();
		}
		List<CustomerTotals> changed = new ArrayList<>();
		for (CustomerTotals row : change.customers()) {
			CustomerTotals before = this.rows.put(Key.of(row), row);
			if (before == null || before.collectedMinor() != row.collectedMinor()
					|| before.pendingMinor() != row.pendingMinor()) {
				changed.add(row);
			}
		}
		if (change.watermark() != null && (this.watermark == null || change.watermark().isAfter(this.watermark))) {
			this.watermark = change.watermark();
		}
		return Optional.of(changed);
	}

	/** The rows in the chosen order. */
	public List<CustomerTotals> getRows() {
		return this.rows.values().stream().sorted(this.sort.comparator()).toList();
	}

	public Instant getWatermark() {
		return this.watermark;
	}

	public CustomerSort getSort() {
		return this.sort;
	}

	private record Key(UUID customerId, String currency) {

		static Key of(CustomerTotals row) {
			return new Key(row.customerId(), row.currency());
		}

	}

}
