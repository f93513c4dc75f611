package io.tally.systemtests;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import io.tally.testsupport.http.JsonHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A seeded random script of invoice changes through the API, with a client-side model of
 * every acknowledged result.
 *
 * <p>
 * Before each request the script records what is in flight, so that after a crash the one
 * uncertain request can be resolved: a create is retried with its Idempotency-Key, any
 * other change is read back.
 */
final class InvoiceScript {

	static final List<String> CURRENCIES = List.of("USD", "EUR", "GBP", "JPY");

	private final Random random;

	private final InvoiceApi api;

	private final List<String> customers;

	/** Invoices the API acknowledged, in their last acknowledged state. */
	final Map<String, Invoice> model = new LinkedHashMap<>();

	/** How often each kind of operation ran. */
	final Map<String, Integer> counts = new TreeMap<>();

	private final List<String[]> usedKeys = new ArrayList<>();

	private final String keyPrefix = UUID.randomUUID().toString();

	private int nextKey;

	private volatile InFlight inFlight;

	/**
	 * The request being sent: a create (key and body) or a change of an existing invoice.
	 */
	record InFlight(String idempotencyKey, String createBody, String invoiceId) {
	}

	InvoiceScript(long seed, InvoiceApi api, List<String> customers) {
		this.random = new Random(seed);
		this.api = api;
		this.customers = List.copyOf(customers);
	}

	void createInvoices(int count) {
		for (int i = 0; i < count; i++) {
			create();
		}
	}

	void changeInvoices(int count) {
		for (int i = 0; i < count; i++) {
			step();
		}
	}

	/** One random operation; mostly changes, some creates. */
	void step() {
		if (this.model.isEmpty()) {
			create();
			return;
		}
		Invoice invoice = randomLive();
		int roll = this.random.nextInt(100);
		if (roll < 12) {
			create();
		}
		else if (roll < 24) {
			replace("amount", invoice.withAmount(amount()));
		}
		else if (roll < 34) {
			replace("currency", invoice.withCurrency(otherThan(invoice.currency(), CURRENCIES)));
		}
		else if (roll < 44) {
			replace("customer", invoice.withCustomer(otherThan(invoice.customerId(), this.customers)));
		}
		else if (roll < 54) {
			replace("issueDate", invoice.withIssueDate(issueDate()));
		}
		else if (roll < 68) {
			pay(invoice);
		}
		else if (roll < 76) {
			replace(invoice.paid() ? "backToPending" : "putPaid",
					invoice.paid() ? invoice.pending() : invoice.paidAt(paidAt(invoice.issueDate())));
		}
		else if (roll < 84) {
			replace(invoice.paid() ? "backToPending" : "putPaid",
					invoice.paid() ? invoice.pending() : invoice.paidAt(paidAt(invoice.issueDate())));
		}
		else if (roll < 91) {
			delete(invoice);
		}
		else if (roll < 95) {
			unchangedPut(invoice);
		}
		else {
			conditionalPut(invoice);
		}
	}

	/**
	 * Customers whose invoices all moved away or were deleted get a new one (keeps
	 * customer counts unambiguous).
	 */
	void ensureEveryCustomerHasAnInvoice() {
		for (String customer : this.customers) {
			if (this.model.values().stream().noneMatch((invoice) -> invoice.customerId().equals(customer))) {
				create(customer);
			}
		}
	}

	private Invoice create() {
		return create(this.customers.get(this.random.nextInt(this.customers.size())));
	}

	private Invoice create(String customer) {
		if (!this.usedKeys.isEmpty() && this.random.nextInt(10) == 0) {
			repeatAnOldKey();
		}
		LocalDate issueDate = issueDate();
		boolean paid = this.random.nextInt(5) == 0;
		Instant paidAt = paid ? paidAt(issueDate) : null;
		String body = "{\"customerId\":\"%s\",\"amountMinor\":%d,\"currency\":\"%s\",\"issueDate\":\"%s\"%s}".formatted(
				customer, amount(), CURRENCIES.get(this.random.nextInt(CURRENCIES.size())), issueDate,
				paid ? ",\"status\":\"PAID\",\"paidAt\":\"" + paidAt + "\"" : "");
		String key = this.keyPrefix + "-" + this.nextKey++;
		this.inFlight = new InFlight(key, body, null);
		Invoice created = this.api.create(body, key);
		this.inFlight = null;
		assertThat(created.version()).isEqualTo(1);
		this.model.put(created.id(), created);
		this.usedKeys.add(new String[] { key, body, created.id() });
		count("create");
		if (this.random.nextInt(4) == 0) {
			// the same key at once: the first result again, nothing created
			Invoice again = this.api.create(body, key);
			assertThat(again.id()).as("repeated Idempotency-Key %s", key).isEqualTo(created.id());
			count("repeatedIdempotencyKey");
		}
		return created;
	}

	private void repeatAnOldKey() {
		String[] used = this.usedKeys.get(this.random.nextInt(this.usedKeys.size()));
		if (!this.model.containsKey(used[2])) {
			return; // what a key returns after its invoice was deleted is not part of the
					// contract
		}
		Invoice again = this.api.create(used[1], used[0]);
		assertThat(again.id()).as("old Idempotency-Key %s", used[0]).isEqualTo(used[2]);
		count("repeatedIdempotencyKey");
	}

	private void replace(String kind, Invoice desired) {
		this.inFlight = new InFlight(null, null, desired.id());
		Invoice result = this.api.replace(desired);
		this.inFlight = null;
		assertThat(result.sameStateAs(desired)).as("%s of %s: %s", kind, desired.id(), result).isTrue();
		this.model.put(result.id(), result);
		count(kind);
	}

	private void pay(Invoice invoice) {
		Instant paidAt = paidAt(invoice.issueDate());
		this.inFlight = new InFlight(null, null, invoice.id());
		Invoice result = this.api.pay(invoice.id(), paidAt);
		this.inFlight = null;
		if (invoice.paid()) {
			assertThat(result.version()).as("paying a PAID invoice changes nothing").isEqualTo(invoice.version());
			assertThat(result.paidAt()).isEqualTo(invoice.paidAt());
			count("payAgain");
		}
		else {
			assertThat(result.sameStateAs(invoice.paidAt(paidAt))).as("payment of %s: %s", invoice.id(), result)
				.isTrue();
			count("payBackdated");
		}
		this.model.put(result.id(), result);
	}

	private void delete(Invoice invoice) {
		this.inFlight = new InFlight(null, null, invoice.id());
		this.api.delete(invoice.id());
		this.inFlight = null;
		this.model.remove(invoice.id());
		count("delete");
	}

	private void unchangedPut(Invoice invoice) {
		this.inFlight = new InFlight(null, null, invoice.id());
		Invoice result = this.api.replace(invoice);
		this.inFlight = null;
		assertThat(result.version()).as("a PUT of the current state changes nothing").isEqualTo(invoice.version());
		count("unchangedPut");
	}

	private void conditionalPut(Invoice invoice) {
		Invoice desired = invoice.withAmount(amount());
		if (invoice.version() > 1) {
			JsonHttp.Response stale = this.api.replaceIfMatch(desired, invoice.version() - 1);
			assertThat(stale.status()).as("If-Match with a stale version").isEqualTo(412);
			count("staleIfMatch");
		}
		this.inFlight = new InFlight(null, null, invoice.id());
		JsonHttp.Response response = this.api.replaceIfMatch(desired, invoice.version()).expect(200);
		this.inFlight = null;
		Invoice result = Invoice.from(response.json());
		assertThat(result.sameStateAs(desired)).isTrue();
		this.model.put(result.id(), result);
		count("ifMatchPut");
	}

	/** After a crash: settle the one request whose outcome the client could not see. */
	void resolveInFlight() {
		InFlight uncertain = this.inFlight;
		this.inFlight = null;
		if (uncertain == null) {
			return;
		}
		if (uncertain.idempotencyKey() != null) {
			Invoice created = this.api.create(uncertain.createBody(), uncertain.idempotencyKey());
			this.model.put(created.id(), created);
			this.usedKeys.add(new String[] { uncertain.idempotencyKey(), uncertain.createBody(), created.id() });
		}
		else {
			Optional<Invoice> current = this.api.find(uncertain.invoiceId());
			current.ifPresentOrElse((invoice) -> this.model.put(invoice.id(), invoice),
					() -> this.model.remove(uncertain.invoiceId()));
		}
	}

	private Invoice randomLive() {
		List<Invoice> live = new ArrayList<>(this.model.values());
		return live.get(this.random.nextInt(live.size()));
	}

	private long amount() {
		return 100 + this.random.nextInt(2_000_000);
	}

	private LocalDate issueDate() {
		return LocalDate.now(ZoneOffset.UTC).minusDays(this.random.nextInt(420));
	}

	/** A backdated payment time: between the issue date and a few minutes ago. */
	private Instant paidAt(LocalDate issueDate) {
		Instant latest = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
		Instant earliest = issueDate.atStartOfDay(ZoneOffset.UTC).toInstant();
		if (!earliest.isBefore(latest)) {
			return latest;
		}
		long span = latest.getEpochSecond() - earliest.getEpochSecond();
		return earliest.plusSeconds((long) (this.random.nextDouble() * span));
	}

	private <T> T otherThan(T current, List<T> choices) {
		T choice = current;
		while (choice.equals(current)) {
			choice = choices.get(this.random.nextInt(choices.size()));
		}
		return choice;
	}

	private void count(String kind) {
		this.counts.merge(kind, 1, Integer::sum);
	}

}
