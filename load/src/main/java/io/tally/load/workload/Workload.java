package io.tally.load.workload;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.tally.load.http.Authorization;
import io.tally.load.http.Endpoint;
import io.tally.load.http.Header;
import io.tally.load.http.HttpConnection;
import io.tally.load.http.Response;
import io.tally.load.http.TokenUnavailable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The requests of each operation against the invoice and revenue APIs, and what the
 * harness remembers of their answers (the invoices it created and their versions).
 */
public final class Workload {

	/** Told about every sampled create once it is acknowledged. */
	@FunctionalInterface
	public interface FreshnessSampler {

		/**
		 * A create for the otherwise unused {@code customerId} was acknowledged at
		 * {@code acknowledgedNanos} ({@link System#nanoTime()}); {@code change} names it
		 * as revenue's {@code Tally-After} header does ({@code <invoiceId>:<version>}),
		 * null when the answer did not say.
		 */
		void acknowledged(UUID customerId, String change, long acknowledgedNanos);

	}

	/** Invoices kept for updates, payments and deletions. */
	static final int OWN_INVOICES_KEPT = 200_000;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Endpoint invoices;

	private final Endpoint revenue;

	private final Authorization authorization;

	private final int timeoutMillis;

	private final Customers customers;

	private final String currency;

	private final int freshnessEvery;

	private final FreshnessSampler sampler;

	private final OwnInvoices own = new OwnInvoices(OWN_INVOICES_KEPT);

	private final AtomicLong creates = new AtomicLong();

	private final String issueDate = LocalDate.now(ZoneOffset.UTC).toString();

	private final String monthlyPath;

	/**
	 * A workload.
	 * @param invoices invoice-service
	 * @param revenue revenue-service
	 * @param authorization the header of every request
	 * @param timeoutMillis connect and read timeout
	 * @param customers the run's customers
	 * @param currency the currency of creates and monthly reads
	 * @param freshnessEvery every how many creates one is sampled for freshness (0: none)
	 * @param sampler told about sampled creates (unused when {@code freshnessEvery} is 0)
	 */
	public Workload(Endpoint invoices, Endpoint revenue, Authorization authorization, int timeoutMillis,
			Customers customers, String currency, int freshnessEvery, FreshnessSampler sampler) {
		this.invoices = invoices;
		this.revenue = revenue;
		this.authorization = authorization;
		this.timeoutMillis = timeoutMillis;
		this.customers = customers;
		this.currency = currency;
		this.freshnessEvery = freshnessEvery;
		this.sampler = sampler;
		YearMonth to = YearMonth.now(ZoneOffset.UTC);
		this.monthlyPath = "/api/revenue/monthly?from=" + to.minusMonths(11) + "&to=" + to + "&currency=" + currency;
	}

	/** The path of a monthly read (twelve months ending this month, one currency). */
	public String monthlyPath() {
		return this.monthlyPath;
	}

	/** How many invoices this run created and may still change. */
	public int ownInvoices() {
		return this.own.size();
	}

	/** A session for one worker thread: its own connections and random numbers. */
	public Session newSession() {
		return new Session(new SplittableRandom());
	}

	/** The connections and random numbers of one worker thread; not thread-safe. */
	public final class Session implements Closeable {

		private final SplittableRandom random;

		private HttpConnection invoiceConnection;

		private HttpConnection revenueConnection;

		private Session(SplittableRandom random) {
			this.random = random;
		}

		/** Performs {@code operation} and says how it ended. */
		public Outcome execute(Operation operation) {
			try {
				return switch (operation) {
					case CREATE -> create(Workload.this.customers.anyOwn(this.random), true);
					case UPDATE -> update();
					case PAY -> pay();
					case DELETE -> delete();
					case SUMMARY -> read(operation, "/api/revenue/summary");
					case MONTHLY -> read(operation, Workload.this.monthlyPath);
					case CUSTOMER -> readCustomer();
				};
			}
			catch (IOException ex) {
				return failed(operation, ex);
			}
		}

		/**
		 * Creates one invoice for {@code customer} (setting up: never sampled for
		 * freshness).
		 */
		public Outcome createFor(UUID customer) {
			try {
				return create(customer, false);
			}
			catch (IOException ex) {
				return failed(Operation.CREATE, ex);
			}
		}

		/**
		 * The invoice count revenue shows for {@code customer}: -1 while it shows nothing
		 * (404).
		 * @throws IOException on any other answer or no answer
		 */
		public long invoiceCount(UUID customer) throws IOException {
			return invoiceCount(customer, null);
		}

		/**
		 * The invoices revenue shows for {@code customer}, answered once the projection
		 * includes {@code change} ({@code Tally-After}: the server waits for it, at most
		 * its read-your-writes timeout); with a null change at once.
		 */
		public long invoiceCount(UUID customer, String change) throws IOException {
			Response response = revenue().send("GET", "/api/revenue/customers/" + customer, null,
					(change != null) ? new Header("Tally-After", change) : null);
			if (response.status() == 404) {
				return -1;
			}
			if (response.status() != 200) {
				throw new IOException("GET /api/revenue/customers/" + customer + " answered " + response.status());
			}
			return Workload.invoiceCount(response.body());
		}

		/**
		 * Customers of the newest invoices in the books ({@code GET /api/invoices}), for
		 * read-only runs that create nothing.
		 */
		public List<UUID> recentCustomers() throws IOException {
			Response response = invoices().get("/api/invoices?size=200");
			if (response.status() != 200) {
				throw new IOException("GET /api/invoices answered " + response.status());
			}
			Set<UUID> found = new LinkedHashSet<>();
			try {
				for (JsonNode invoice : JSON.readTree(response.body()).path("content")) {
					found.add(UUID.fromString(invoice.path("customerId").asString()));
				}
			}
			catch (JacksonException | IllegalArgumentException ex) {
				throw new IOException("Unexpected invoice list: " + ex.getMessage(), ex);
			}
			return new ArrayList<>(found);
		}

		private Outcome create(UUID customer, boolean mayBeSampled) throws IOException {
			boolean sampled = mayBeSampled && Workload.this.freshnessEvery > 0
					&& Workload.this.creates.incrementAndGet() % Workload.this.freshnessEvery == 0;
			// a sampled create gets a customer of its own: "visible" is then unambiguous
			UUID customerId = sampled ? UUID.randomUUID() : customer;
			long amount = amount();
			String body = "{\"customerId\":\"" + customerId + "\",\"amountMinor\":" + amount + ",\"currency\":\""
					+ Workload.this.currency + "\",\"issueDate\":\"" + Workload.this.issueDate + "\"}";
			Response response = invoices().send("POST", "/api/invoices", utf8(body), null);
			long acknowledged = System.nanoTime();
			Outcome outcome = Outcome.of(Operation.CREATE, response.status(), 201);
			if (outcome.kind() != Outcome.Kind.OK) {
				return outcome;
			}
			String id = response.locationId();
			long version = response.etagVersion();
			if (sampled) {
				Workload.this.sampler.acknowledged(customerId, (id != null && version > 0) ? id + ":" + version : null,
						acknowledged);
			}
			else {
				if (id != null && version > 0) {
					Workload.this.own.add(new OwnInvoice(UUID.fromString(id), customerId, amount,
							Workload.this.currency, LocalDate.parse(Workload.this.issueDate), null, version),
							this.random);
				}
			}
			return outcome;
		}

		private Outcome update() throws IOException {
			OwnInvoice invoice = Workload.this.own.takeAny(this.random);
			if (invoice == null) {
				return execute(Operation.CREATE);
			}
			long amount = amount();
			if (amount == invoice.amountMinor()) {
				amount++;
			}
			String body = "{\"customerId\":\"" + invoice.customerId() + "\",\"amountMinor\":" + amount
					+ ",\"currency\":\"" + invoice.currency() + "\",\"status\":\""
					+ (invoice.paid() ? "PAID" : "PENDING") + "\",\"issueDate\":\"" + invoice.issueDate() + "\""
					+ (invoice.paid() ? ",\"paidAt\":\"" + invoice.paidAt() + "\"" : "") + "}";
			Response response = invoices().send("PUT", "/api/invoices/" + invoice.id(), utf8(body),
					Header.ifMatch("\"" + invoice.version() + "\""));
			Outcome outcome = Outcome.of(Operation.UPDATE, response.status(), 200);
			if (outcome.kind() == Outcome.Kind.OK) {
				Workload.this.own.add(invoice.withAmount(amount, response.etagVersion()), this.random);
			}
			// after a conflict or an error its state is unknown: the run forgets it
			return outcome;
		}

		private Outcome pay() throws IOException {
			OwnInvoice invoice = Workload.this.own.takePending(this.random);
			if (invoice == null) {
				return execute(Operation.CREATE);
			}
			// a minute back: the service refuses a payment time in its future, and
			// clocks differ
			Instant paidAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
			Response response = invoices().send("POST", "/api/invoices/" + invoice.id() + "/payment",
					utf8("{\"paidAt\":\"" + paidAt + "\"}"), null);
			Outcome outcome = Outcome.of(Operation.PAY, response.status(), 200);
			if (outcome.kind() == Outcome.Kind.OK) {
				Workload.this.own.add(invoice.paidAt(paidAt, response.etagVersion()), this.random);
			}
			return outcome;
		}

		private Outcome delete() throws IOException {
			OwnInvoice invoice = Workload.this.own.takeAny(this.random);
			if (invoice == null) {
				return execute(Operation.CREATE);
			}
			Response response = invoices().send("DELETE", "/api/invoices/" + invoice.id(), null, null);
			return Outcome.of(Operation.DELETE, response.status(), 204);
		}

		private Outcome readCustomer() throws IOException {
			UUID customer = Workload.this.customers.anyWithData(this.random);
			if (customer == null) {
				return new Outcome(Operation.CUSTOMER, Outcome.Kind.ERROR, "no-customer");
			}
			return read(Operation.CUSTOMER, "/api/revenue/customers/" + customer);
		}

		private Outcome read(Operation operation, String path) throws IOException {
			return Outcome.of(operation, revenue().get(path).status(), 200);
		}

		private long amount() {
			return this.random.nextLong(100, 1_000_000);
		}

		private HttpConnection invoices() {
			if (this.invoiceConnection == null) {
				this.invoiceConnection = new HttpConnection(Workload.this.invoices, Workload.this.timeoutMillis,
						Workload.this.authorization);
			}
			return this.invoiceConnection;
		}

		private HttpConnection revenue() {
			if (this.revenueConnection == null) {
				this.revenueConnection = new HttpConnection(Workload.this.revenue, Workload.this.timeoutMillis,
						Workload.this.authorization);
			}
			return this.revenueConnection;
		}

		@Override
		public void close() {
			if (this.invoiceConnection != null) {
				this.invoiceConnection.close();
			}
			if (this.revenueConnection != null) {
				this.revenueConnection.close();
			}
		}

	}

	/** The number of invoices in a customer revenue body (all currencies). */
	static long invoiceCount(byte[] customerBody) throws IOException {
		try {
			long count = 0;
			for (JsonNode totals : JSON.readTree(customerBody).path("totals")) {
				count += totals.path("invoiceCount").asLong(0);
			}
			return count;
		}
		catch (JacksonException ex) {
			throw new IOException("Unexpected customer revenue body: " + ex.getMessage(), ex);
		}
	}

	private static Outcome failed(Operation operation, IOException ex) {
		String label = (ex instanceof SocketTimeoutException) ? "timeout"
				: (ex instanceof TokenUnavailable) ? "token" : "io";
		return new Outcome(operation, Outcome.Kind.ERROR, label);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
