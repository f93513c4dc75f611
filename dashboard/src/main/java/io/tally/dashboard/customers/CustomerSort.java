package io.tally.dashboard.customers;

import java.util.Comparator;
import java.util.Locale;

import io.tally.dashboard.api.CustomerTotals;

/**
 * The customers table's order: a column and a direction, from the query string, so
 * sorting works as plain links without JavaScript.
 *
 * @param column the sorted column
 * @param descending largest first
 */
record CustomerSort(Column column, boolean descending) {

	static final CustomerSort DEFAULT = new CustomerSort(Column.INVOICED, true);

	static CustomerSort parse(String sort, String dir) {
		Column column = Column.of(sort);
		if (column == null) {
			return DEFAULT;
		}
		boolean descending = (dir == null) ? column.numeric : "desc".equalsIgnoreCase(dir);
		return new CustomerSort(column, descending);
	}

	Comparator<CustomerTotals> comparator() {
		Comparator<CustomerTotals> order = this.column.order;
		if (this.descending) {
			order = order.reversed();
		}
		// a stable order among equal values
		return order.thenComparing(CustomerTotals::currency).thenComparing(CustomerTotals::customerId);
	}

	/** The {@code aria-sort} value of {@code column} in this order. */
	public String ariaSort(Column column) {
		if (column != this.column) {
			return null;
		}
		return this.descending ? "descending" : "ascending";
	}

	/** The direction a click on {@code column}'s header asks for. */
	public String nextDirection(Column column) {
		if (column == this.column) {
			return this.descending ? "asc" : "desc";
		}
		return column.numeric ? "desc" : "asc";
	}

	/** The sortable columns. */
	enum Column {

		CUSTOMER(Comparator.comparing(CustomerTotals::customerId), false),
		CURRENCY(Comparator.comparing(CustomerTotals::currency), false),
		INVOICED(Comparator.comparingLong(CustomerTotals::invoicedMinor), true),
		COLLECTED(Comparator.comparingLong(CustomerTotals::collectedMinor), true),
		PENDING(Comparator.comparingLong(CustomerTotals::pendingMinor), true),
		INVOICES(Comparator.comparingLong(CustomerTotals::invoiceCount), true);

		private final Comparator<CustomerTotals> order;

		private final boolean numeric;

		Column(Comparator<CustomerTotals> order, boolean numeric) {
			this.order = order;
			this.numeric = numeric;
		}

		/** The query-string name, e.g. {@code collected}. */
		public String param() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Column of(String param) {
			for (Column column : values()) {
				if (column.param().equalsIgnoreCase(String.valueOf(param))) {
					return column;
				}
			}
			return null;
		}

	}

}
