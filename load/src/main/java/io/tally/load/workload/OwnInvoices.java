package io.tally.load.workload;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The invoices this run created and may still change. An invoice is taken out while one
 * request works on it and put back with its new version, so two workers never race on the
 * same invoice: a 412 then means someone outside the harness changed it.
 */
final class OwnInvoices {

	private final int capacity;

	private final List<OwnInvoice> pending = new ArrayList<>();

	private final List<OwnInvoice> paid = new ArrayList<>();

	/**
	 * At most {@code capacity} invoices are kept; beyond it a random one is forgotten.
	 */
	OwnInvoices(int capacity) {
		this.capacity = capacity;
	}

	synchronized void add(OwnInvoice invoice, RandomGenerator random) {
		List<OwnInvoice> list = invoice.paid() ? this.paid : this.pending;
		if (size() >= this.capacity) {
			// bounded memory in long runs: forget a random one (it stays in the books)
			List<OwnInvoice> victim = (!this.pending.isEmpty()
					&& (this.paid.isEmpty() || random.nextInt(size()) < this.pending.size())) ? this.pending
							: this.paid;
			removeAt(victim, random.nextInt(victim.size()));
		}
		list.add(invoice);
	}

	/** A random invoice, taken out; null when there is none. */
	synchronized OwnInvoice takeAny(RandomGenerator random) {
		int size = size();
		if (size == 0) {
			return null;
		}
		int index = random.nextInt(size);
		return (index < this.pending.size()) ? removeAt(this.pending, index)
				: removeAt(this.paid, index - this.pending.size());
	}

	/** A random pending invoice, taken out; null when there is none. */
	synchronized OwnInvoice takePending(RandomGenerator random) {
		return this.pending.isEmpty() ? null : removeAt(this.pending, random.nextInt(this.pending.size()));
	}

	synchronized int size() {
		return this.pending.size() + this.paid.size();
	}

	synchronized int pendingCount() {
		return this.pending.size();
	}

	private static OwnInvoice removeAt(List<OwnInvoice> list, int index) {
		// swap with the last one: O(1), order does not matter
		OwnInvoice taken = list.get(index);
		OwnInvoice last = list.remove(list.size() - 1);
		if (index < list.size()) {
			list.set(index, last);
		}
		return taken;
	}

}
