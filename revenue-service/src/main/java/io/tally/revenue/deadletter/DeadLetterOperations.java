package io.tally.revenue.deadletter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What operators do with dead letters: look at them, send them back to the event topic,
 * or mark them handled. Every action records who did it and when; the version guard of
 * the projection makes a repeated re-drive harmless.
 */
@Service
class DeadLetterOperations {

	/** Length of the hex preview of an undecodable value: at most 1 KB of text. */
	static final int HEX_PREVIEW_CHARS = 1024;

	private static final Logger log = LoggerFactory.getLogger(DeadLetterOperations.class);

	private final DeadLetterIndex index;

	private final DeadLetterRecords records;

	private final TransactionTemplate transaction;

	private final DeadLetterMetrics metrics;

	DeadLetterOperations(DeadLetterIndex index, DeadLetterRecords records, TransactionTemplate transaction,
			DeadLetterMetrics metrics) {
		this.index = index;
		this.records = records;
		this.transaction = transaction;
		this.metrics = metrics;
	}

	DeadLetterPage list(DeadLetterFilter filter, int page, int size) {
		long total = this.index.count(filter);
		return new DeadLetterPage(this.index.page(filter, page, size), page, size, total, (total + size - 1) / size);
	}

	DeadLetterDetail detail(long id) {
		DeadLetter deadLetter = find(id);
		StoredRecord stored = this.records.read(List.of(deadLetter.position())).get(deadLetter.position());
		if (stored == null) {
			return new DeadLetterDetail(deadLetter, DeadLetterDetail.Content.unavailable());
		}
		List<DeadLetterDetail.HeaderText> headers = stored.headers()
			.stream()
			.map((header) -> new DeadLetterDetail.HeaderText(header.name(), header.text()))
			.toList();
		if (stored.value() == null) {
			return new DeadLetterDetail(deadLetter,
					new DeadLetterDetail.Content(true, headers, null, "the record has no value", null, false));
		}
		DecodedValue decoded = this.records.decode(stored.value());
		if (decoded.event() != null) {
			return new DeadLetterDetail(deadLetter,
					new DeadLetterDetail.Content(true, headers, decoded.event(), null, null, false));
		}
		int previewBytes = Math.min(stored.value().length, HEX_PREVIEW_CHARS / 2);
		return new DeadLetterDetail(deadLetter,
				new DeadLetterDetail.Content(true, headers, null, decoded.failure(),
						HexFormat.of().formatHex(Arrays.copyOf(stored.value(), previewBytes)),
						stored.value().length > previewBytes));
	}

	/**
	 * Sends one dead letter back to the event topic.
	 * @param force also when it was already re-driven or discarded
	 */
	DeadLetter redrive(long id, boolean force, String reason) {
		String operator = Operators.current();
		DeadLetter deadLetter = find(id);
		requirePendingUnlessForced(deadLetter, force);
		StoredRecord stored = this.records.read(List.of(deadLetter.position())).get(deadLetter.position());
		if (stored == null) {
			throw new DeadLetterGone(id, deadLetter.position());
		}
		String refusal = refusal(stored);
		if (refusal != null) {
			throw new DeadLetterNotRedrivable(id, refusal);
		}
		redrive(id, stored, operator, reason, (locked) -> {
			requirePendingUnlessForced(locked, force);
			return true;
		});
		return find(id);
	}

	/**
	 * Sends the pending dead letters matching the filter back to the event topic, oldest
	 * first, at most {@code limit} of them with an id above {@code afterId}.
	 */
	BulkRedrive redrive(DeadLetterFilter filter, long afterId, int limit, String reason) {
		String operator = Operators.current();
		List<DeadLetter> batch = this.index.pendingAfter(filter, afterId, limit);
		Map<RecordPosition, StoredRecord> stored = this.records.read(batch.stream().map(DeadLetter::position).toList());
		List<Long> redriven = new ArrayList<>();
		List<BulkRedrive.Skipped> skipped = new ArrayList<>();
		for (DeadLetter deadLetter : batch) {
			StoredRecord record = stored.get(deadLetter.position());
			String refusal = (record != null) ? refusal(record)
					: "no longer on the topic (deleted by retention); discard it";
			if (refusal != null) {
				skipped.add(new BulkRedrive.Skipped(deadLetter.id(), refusal));
			}
			else if (redrive(deadLetter.id(), record, operator, reason,
					(locked) -> locked.status() == DeadLetterStatus.PENDING)) {
				redriven.add(deadLetter.id());
			}
			else {
				skipped.add(new BulkRedrive.Skipped(deadLetter.id(), "handled meanwhile"));
			}
		}
		Long last = batch.isEmpty() ? null : batch.get(batch.size() - 1).id();
		long remaining = this.index.countPendingAfter(filter, (last != null) ? last : afterId);
		return new BulkRedrive(redriven, skipped, last, remaining);
	}

	/**
	 * Marks a dead letter handled without re-driving it.
	 * @param force also when it was already re-driven or discarded
	 */
	DeadLetter discard(long id, boolean force, String reason) {
		String operator = Operators.current();
		this.transaction.executeWithoutResult((status) -> {
			DeadLetter locked = this.index.lock(id).orElseThrow(() -> new DeadLetterNotFound(id));
			requirePendingUnlessForced(locked, force);
			this.index.discarded(id, operator, Instant.now(), reason);
		});
		this.metrics.discarded();
		log.atInfo().addKeyValue("deadLetterId", id).log("Dead letter {} discarded", id);
		return find(id);
	}

	private DeadLetter find(long id) {
		return this.index.find(id).orElseThrow(() -> new DeadLetterNotFound(id));
	}

	/**
	 * Sends the record and marks the entry in one transaction that holds the entry's row
	 * lock, so two operators cannot both re-drive it without {@code force}; if the mark
	 * fails after the send, the entry stays as it was and a repeat is harmless.
	 * @return false when the locked entry no longer passes {@code stillWanted}
	 */
	private boolean redrive(long id, StoredRecord record, String operator, String reason,
			Predicate<DeadLetter> stillWanted) {
		Boolean sent = this.transaction.execute((status) -> {
			DeadLetter locked = this.index.lock(id).orElseThrow(() -> new DeadLetterNotFound(id));
			if (!stillWanted.test(locked)) {
				return false;
			}
			RecordPosition to = this.records.redrive(record);
			this.index.redriven(id, operator, Instant.now(), reason, to);
			log.atInfo()
				.addKeyValue("deadLetterId", id)
				.addKeyValue("invoiceId", locked.invoiceId())
				.addKeyValue("eventId", locked.eventId())
				.log("Dead letter {} re-driven to {}", id, to);
			return true;
		});
		if (Boolean.TRUE.equals(sent)) {
			this.metrics.redriven();
			return true;
		}
		return false;
	}

	private static void requirePendingUnlessForced(DeadLetter deadLetter, boolean force) {
		if (deadLetter.status() != DeadLetterStatus.PENDING && !force) {
			throw new DeadLetterAlreadyHandled(deadLetter);
		}
	}

	/** Why a record must not go back as it is, or null. */
	private static String refusal(StoredRecord record) {
		// on a compacted event topic a record without value would delete the invoice's
		// history
		return (record.value() == null) ? "the record has no value (a tombstone); discard it" : null;
	}

}
