package io.tally.dashboard.customers;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.tally.dashboard.api.CustomerTotals;
import io.tally.dashboard.api.RevenueChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerFiguresTest {

	static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");

	static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

	@Test
	void aChangeReplacesRowsAddsNewCustomersAndKeepsTheChosenOrder() {
		CustomerFigures figures = new CustomerFigures(CustomerSort.parse("collected", "desc"),
				List.of(new CustomerTotals(A, "EUR", 1000, 500, 500, 2)), Instant.EPOCH);

		List<Object> announced = figures
			.apply(new RevenueChange(Instant.ofEpochSecond(60), List.of(),
					List.of(new CustomerTotals(B, "EUR", 900, 900, 0, 1)), List.of()))
			.<List<Object>>map(List::copyOf)
			.orElseThrow();

		assertThat(announced).containsExactly(new CustomerTotals(B, "EUR", 900, 900, 0, 1));
		assertThat(figures.getRows()).extracting(CustomerTotals::customerId).containsExactly(B, A);
		assertThat(figures.getWatermark()).isEqualTo(Instant.ofEpochSecond(60));
	}

	@Test
	void onlyCollectedOrPendingChangesAreAnnounced() {
		CustomerFigures figures = new CustomerFigures(CustomerSort.DEFAULT,
				List.of(new CustomerTotals(A, "EUR", 1000, 500, 500, 2)), Instant.EPOCH);

		assertThat(figures.apply(new RevenueChange(Instant.EPOCH, List.of(),
				List.of(new CustomerTotals(A, "EUR", 1000, 500, 500, 2)), List.of())))
			.hasValueSatisfying((announced) -> assertThat(announced).isEmpty());
		assertThat(figures.apply(new RevenueChange(null, List.of(), List.of(), List.of()))).isEmpty();
	}

	@Test
	void sortLinksAskForTheOtherDirectionOfTheSortedColumnOnly() {
		CustomerSort sort = CustomerSort.parse("pending", null);

		assertThat(sort.descending()).as("numbers sort largest first").isTrue();
		assertThat(sort.ariaSort(CustomerSort.Column.PENDING)).isEqualTo("descending");
		assertThat(sort.ariaSort(CustomerSort.Column.INVOICED)).isNull();
		assertThat(sort.nextDirection(CustomerSort.Column.PENDING)).isEqualTo("asc");
		assertThat(sort.nextDirection(CustomerSort.Column.CUSTOMER)).isEqualTo("asc");
		assertThat(CustomerSort.parse("nonsense", "up")).isEqualTo(CustomerSort.DEFAULT);
	}

}
