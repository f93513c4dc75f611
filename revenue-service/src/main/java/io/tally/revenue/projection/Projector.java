package io.tally.revenue.projection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.InvoiceState;
import io.tally.revenue.rules.Projection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of changes in one database transaction: lock the state rows, run the
 * pure projection, store the newer states and add the bucket deltas. Either all of it
 * commits or nothing does.
 */
@Service
class Projector {

	private final TransactionTemplate transaction;

	private final InvoiceStates states;

	private final RevenueBuckets buckets;

	private final long lockTimeoutMillis;

	Projector(TransactionTemplate transaction, InvoiceStates states, RevenueBuckets buckets,
			ProjectionProperties properties) {
		this.transaction = transaction;
		this.states = states;
		this.buckets = buckets;
		this.lockTimeoutMillis = properties.lockTimeout().toMillis();
	}

	/**
	 * Applies the changes (in delivery order); returns only after the transaction
	 * committed.
	 */
	Projection.Result apply(List<InvoiceChange> changes) {
		return this.transaction.execute((status) -> {
			this.states.lockTimeout(this.lockTimeoutMillis);
			TreeSet<UUID> ids = new TreeSet<>();
			changes.forEach((change) -> ids.add(change.invoiceId()));
			Map<UUID, InvoiceState> current = this.states.lock(new ArrayList<>(ids));
			Projection.Result result = Projection.apply(current, changes);
			if (!result.changedStates().isEmpty()) {
				this.states.store(storedStates(changes, result));
				this.buckets.add(result.deltas());
			}
			return result;
		});
	}

	private static List<InvoiceStates.StoredState> storedStates(List<InvoiceChange> changes, Projection.Result result) {
		Map<UUID, InvoiceStates.StoredState> stored = new HashMap<>();
		for (InvoiceChange change : changes) {
			// identity: the state object that won is the one carried by the applied
			// change
			if (result.changedStates().get(change.invoiceId()) == change.state()) {
				stored.put(change.invoiceId(),
						new InvoiceStates.StoredState(change.state(), change.eventId(), change.occurredAt()));
			}
		}
		return new ArrayList<>(stored.values());
	}

}
