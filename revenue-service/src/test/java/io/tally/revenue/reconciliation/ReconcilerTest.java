package io.tally.revenue.reconciliation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tally.revenue.projection.store.InvoiceVersions;
import io.tally.revenue.projection.store.InvoiceVersions.Stored;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * How the scan finds differences page by page and how the re-check tells drift from
 * changes that were in flight.
 */
class ReconcilerTest {

	private static final UUID A = id(1);

	private static final UUID B = id(2);

	private static final UUID C = id(3);

	private static final UUID D = id(4);

	private static final UUID E = id(5);

	private final InvoiceServiceClient invoices = mock(InvoiceServiceClient.class);

	private final InvoiceVersions versions = mock(InvoiceVersions.class);

	private final Reconciler reconciler = new Reconciler(this.invoices, this.versions,
			new Binder().bindOrCreate("tally.reconciliation", ReconciliationProperties.class));

	@Test
	void findsNoSuspectWhenEveryVersionAgrees() {
		given(this.invoices.page(isNull(), anyInt())).willReturn(page(null, entry(A, 2, false), entry(B, 3, true)));
		given(this.versions.range(null, null)).willReturn(List.of(stored(A, 2, false), stored(B, 3, true)));

		Reconciler.Scan scan = this.reconciler.scan(() -> {
		});

		assertThat(scan.invoicesChecked()).isEqualTo(2);
		assertThat(scan.suspects()).isEmpty();
	}

	@Test
	void suspectsMissingBehindAheadAndUnknownInvoicesButNotForgottenDeletedOnes() {
		given(this.invoices.page(isNull(), anyInt()))
			.willReturn(page(null, entry(A, 2, false), entry(B, 3, false), entry(C, 1, false)));
		given(this.versions.range(null, null))
			.willReturn(List.of(stored(B, 2, false), stored(C, 4, false), stored(D, 1, false), stored(E, 2, true)));

		Reconciler.Scan scan = this.reconciler.scan(() -> {
		});

		// A missing, B behind (3 known at the scan), C ahead, D unknown to
		// invoice-service;
		// E was deleted before invoice-service kept tombstones: it counts nowhere
		assertThat(scan.suspects()).containsOnlyKeys(A, B, C, D);
		assertThat(scan.suspects()).containsEntry(B, 3L).containsEntry(D, null);
	}

	@Test
	void comparesEachPageWithTheProjectionRangeItCovers() {
		given(this.invoices.page(isNull(), anyInt())).willReturn(page(B, entry(A, 1, false), entry(B, 1, false)));
		given(this.invoices.page(B, 500)).willReturn(page(null, entry(D, 1, false)));
		given(this.versions.range(null, B)).willReturn(List.of(stored(A, 1, false), stored(B, 1, false)));
		given(this.versions.range(B, null)).willReturn(List.of(stored(C, 1, false), stored(D, 1, false)));
		List<String> pauses = new ArrayList<>();

		Reconciler.Scan scan = this.reconciler.scan(() -> pauses.add("pause"));

		assertThat(scan.invoicesChecked()).isEqualTo(3);
		assertThat(scan.suspects()).containsOnlyKeys(C);
		assertThat(pauses).hasSize(1);
		verify(this.versions).range(B, null);
	}

	@Test
	void keepsOnlyWhatAnInFlightChangeCannotExplain() {
		Reconciler.Scan scan = new Reconciler.Scan(6, suspects(A, 2L, B, 3L, C, 1L, D, null, E, 5L), false);
		// now: A caught up with what invoice-service had at the scan (though it moved on
		// again), B is still behind it, C is still ahead, D is still unknown,
		// E reached the version and the deletion
		given(this.versions.of(anyCollection())).willReturn(Map.of(A, stored(A, 2, false), B, stored(B, 2, false), C,
				stored(C, 4, false), D, stored(D, 1, false), E, stored(E, 5, true)));
		given(this.invoices.lookup(anyCollection()))
			.willReturn(List.of(entry(A, 3, false), entry(B, 3, false), entry(C, 1, false), entry(E, 5, true)));

		List<Drift> drift = this.reconciler.recheck(scan);

		assertThat(drift).containsExactly(new Drift(B, Drift.Kind.BEHIND, 2L, 3L),
				new Drift(C, Drift.Kind.AHEAD, 4L, 1L), new Drift(D, Drift.Kind.UNKNOWN, 1L, null));
	}

	@Test
	void reportsAnInvoiceTheProjectionStillDoesNotKnowAsMissing() {
		Reconciler.Scan scan = new Reconciler.Scan(1, suspects(A, 1L), false);
		given(this.versions.of(anyCollection())).willReturn(Map.of());
		given(this.invoices.lookup(anyCollection())).willReturn(List.of(entry(A, 1, false)));

		assertThat(this.reconciler.recheck(scan)).containsExactly(new Drift(A, Drift.Kind.MISSING, null, 1L));
	}

	@Test
	void reportsAVersionOnWhichOnlyOneSideIsDeletedAsMismatch() {
		Reconciler.Scan scan = new Reconciler.Scan(1, suspects(A, 4L), false);
		given(this.versions.of(anyCollection())).willReturn(Map.of(A, stored(A, 4, false)));
		given(this.invoices.lookup(anyCollection())).willReturn(List.of(entry(A, 4, true)));

		assertThat(this.reconciler.recheck(scan)).containsExactly(new Drift(A, Drift.Kind.MISMATCH, 4L, 4L));
	}

	@Test
	void looksSuspectsUpInChunks() {
		java.util.LinkedHashMap<UUID, Long> many = new java.util.LinkedHashMap<>();
		for (int i = 0; i < 250; i++) {
			many.put(id(100 + i), 1L);
		}
		given(this.versions.of(anyCollection())).willAnswer((call) -> Map.of());
		List<Integer> lookups = new ArrayList<>();
		given(this.invoices.lookup(any())).willAnswer((call) -> {
			lookups.add(call.<Collection<UUID>>getArgument(0).size());
			return List.of();
		});

		assertThat(this.reconciler.recheck(new Reconciler.Scan(250, many, false))).hasSize(250);
		assertThat(lookups).containsExactly(100, 100, 50);
	}

	private static Map<UUID, Long> suspects(Object... idsAndVersions) {
		java.util.LinkedHashMap<UUID, Long> suspects = new java.util.LinkedHashMap<>();
		for (int i = 0; i < idsAndVersions.length; i += 2) {
			suspects.put((UUID) idsAndVersions[i], (Long) idsAndVersions[i + 1]);
		}
		return suspects;
	}

	private static InvoiceServiceClient.DigestPage page(UUID next, InvoiceServiceClient.Entry... entries) {
		return new InvoiceServiceClient.DigestPage(List.of(entries), next);
	}

	private static InvoiceServiceClient.Entry entry(UUID id, long version, boolean deleted) {
		return new InvoiceServiceClient.Entry(id, version, deleted);
	}

	private static Stored stored(UUID id, long version, boolean deleted) {
		return new Stored(id, version, deleted);
	}

	private static UUID id(int n) {
		return new UUID(0, n);
	}

}
