package io.tally.revenue.reconciliation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.tally.revenue.projection.store.InvoiceVersions;

import org.springframework.stereotype.Component;

/**
 * Compares invoice-service's digest with the projection's version guard in two steps: a
 * scan, page by page, collects the invoices on which they differ (suspects); a re-check
 * after a grace period keeps only those an in-flight change cannot explain. A suspect the
 * projection was behind on is drift only if it is still behind the version
 * invoice-service had at the scan; one it was ahead on, or that invoice-service did not
 * know, is drift if that still holds against invoice-service's state read after the
 * projection's.
 */
@Component
class Reconciler {

	static final int LOOKUP_CHUNK = 100;

	private final InvoiceServiceClient invoices;

	private final InvoiceVersions versions;

	private final ReconciliationProperties properties;

	Reconciler(InvoiceServiceClient invoices, InvoiceVersions versions, ReconciliationProperties properties) {
		this.invoices = invoices;
		this.versions = versions;
		this.properties = properties;
	}

	/** Reads the whole digest; runs {@code betweenPages} between two pages (pacing). */
	Scan scan(Runnable betweenPages) {
		Map<UUID, Long> suspects = new LinkedHashMap<>();
		long checked = 0;
		boolean truncated = false;
		UUID after = null;
		do {
			InvoiceServiceClient.DigestPage page = this.invoices.page(after, this.properties.pageSize());
			List<InvoiceServiceClient.Entry> entries = page.invoices();
			checked += entries.size();
			// the page covers the ids up to its last entry; the last page covers the rest
			UUID last = (page.next() != null && !entries.isEmpty()) ? entries.get(entries.size() - 1).invoiceId()
					: null;
			Map<UUID, InvoiceVersions.Stored> stored = new HashMap<>();
			this.versions.range(after, last).forEach((s) -> stored.put(s.invoiceId(), s));
			Map<UUID, Long> found = new LinkedHashMap<>();
			for (InvoiceServiceClient.Entry entry : entries) {
				InvoiceVersions.Stored held = stored.remove(entry.invoiceId());
				if (held == null || held.version() != entry.version() || held.deleted() != entry.deleted()) {
					found.put(entry.invoiceId(), entry.version());
				}
			}
			// deleted invoices invoice-service forgot before it kept tombstones count
			// nowhere
			stored.values()
				.stream()
				.filter((held) -> !held.deleted())
				.forEach((held) -> found.put(held.invoiceId(), null));
			for (Map.Entry<UUID, Long> suspect : found.entrySet()) {
				if (suspects.size() < this.properties.maxSuspects()) {
					suspects.put(suspect.getKey(), suspect.getValue());
				}
				else {
					truncated = true;
				}
			}
			after = (last != null) ? page.next() : null;
			if (after != null) {
				betweenPages.run();
			}
		}
		while (after != null);
		return new Scan(checked, suspects, truncated);
	}

	/** The suspects that are still drift now. */
	List<Drift> recheck(Scan scan) {
		List<UUID> ids = new ArrayList<>(scan.suspects().keySet());
		List<Drift> drift = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += LOOKUP_CHUNK) {
			List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + LOOKUP_CHUNK));
			// the projection first, then invoice-service: the projection can never be
			// legitimately ahead of a state read after it
			Map<UUID, InvoiceVersions.Stored> held = this.versions.of(chunk);
			Map<UUID, InvoiceServiceClient.Entry> now = new HashMap<>();
			this.invoices.lookup(chunk).forEach((entry) -> now.put(entry.invoiceId(), entry));
			for (UUID id : chunk) {
				Drift found = classify(id, scan.suspects().get(id), held.get(id), now.get(id));
				if (found != null) {
					drift.add(found);
				}
			}
		}
		return drift;
	}

	private static Drift classify(UUID id, Long versionAtScan, InvoiceVersions.Stored held,
			InvoiceServiceClient.Entry now) {
		Long invoiceVersion = (now != null) ? Long.valueOf(now.version()) : versionAtScan;
		if (versionAtScan != null && held == null) {
			return new Drift(id, Drift.Kind.MISSING, null, invoiceVersion);
		}
		if (versionAtScan != null && held.version() < versionAtScan) {
			return new Drift(id, Drift.Kind.BEHIND, held.version(), invoiceVersion);
		}
		if (held == null) {
			return null; // gone from the projection too (e.g. a rebuild)
		}
		if (now == null) {
			return held.deleted() ? null : new Drift(id, Drift.Kind.UNKNOWN, held.version(), null);
		}
		if (held.version() > now.version()) {
			return new Drift(id, Drift.Kind.AHEAD, held.version(), now.version());
		}
		if (held.version() == now.version() && held.deleted() != now.deleted()) {
			return new Drift(id, Drift.Kind.MISMATCH, held.version(), now.version());
		}
		return null; // an in-flight change the projection has caught up with
	}

	/**
	 * What a scan found.
	 *
	 * @param invoicesChecked digest entries read
	 * @param suspects invoice → the version invoice-service had at the scan (null when it
	 * did not know the invoice)
	 * @param truncated whether more suspects were found than are re-checked
	 */
	record Scan(long invoicesChecked, Map<UUID, Long> suspects, boolean truncated) {
	}

}
