package io.tally.load.workload;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import io.tally.load.StubServer;
import io.tally.load.http.Authorization;
import io.tally.load.http.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadTest {

	private final StubServer server;

	/** Versions of the invoices the stub "stores". */
	private final Map<String, Long> versions = new ConcurrentHashMap<>();

	private final AtomicBoolean someoneElseChangesEverything = new AtomicBoolean();

	private final List<UUID> sampled = new ArrayList<>();

	/** The change named with each sampled create. */
	private final List<String> sampledChanges = new ArrayList<>();

	private final Customers customers = new Customers(3);

	WorkloadTest() throws IOException {
		this.server = new StubServer();
		this.server.on("/api/invoices", (exchange) -> {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (method.equals("POST") && path.equals("/api/invoices")) {
				String id = UUID.randomUUID().toString();
				this.versions.put(id, 1L);
				exchange.getResponseHeaders().set("Location", "/api/invoices/" + id);
				exchange.getResponseHeaders().set("ETag", "\"1\"");
				StubServer.respond(exchange, 201, "{}");
				return;
			}
			String id = path.split("/")[3];
			Long version = this.versions.get(id);
			if (version == null) {
				StubServer.respond(exchange, 404, "{}");
			}
			else if (method.equals("DELETE")) {
				this.versions.remove(id);
				StubServer.respond(exchange, 204, null);
			}
			else if (method.equals("PUT") && (this.someoneElseChangesEverything.get()
					|| !exchange.getRequestHeaders().getFirst("If-Match").equals("\"" + version + "\""))) {
				StubServer.respond(exchange, 412, "{}");
			}
			else {
				this.versions.put(id, version + 1);
				exchange.getResponseHeaders().set("ETag", "\"" + (version + 1) + "\"");
				StubServer.respond(exchange, 200, "{}");
			}
		});
		this.server.on("/api/revenue", (exchange) -> StubServer.respond(exchange, 200, "{}"));
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	@Test
	void changesOnlyInvoicesItCreatedWithTheirCurrentVersion() {
		Workload workload = workload(0);
		try (Workload.Session session = workload.newSession()) {
			assertThat(session.execute(Operation.CREATE).kind()).isEqualTo(Outcome.Kind.OK);
			for (int i = 0; i < 5; i++) {
				assertThat(session.execute(Operation.UPDATE))
					.isEqualTo(new Outcome(Operation.UPDATE, Outcome.Kind.OK, "200"));
			}
			assertThat(session.execute(Operation.PAY).operation()).isEqualTo(Operation.PAY);
			assertThat(session.execute(Operation.UPDATE).kind()).isEqualTo(Outcome.Kind.OK);
			assertThat(session.execute(Operation.DELETE))
				.isEqualTo(new Outcome(Operation.DELETE, Outcome.Kind.OK, "204"));
		}
		List<StubServer.Seen> puts = this.server.requests.stream().filter((r) -> r.method().equals("PUT")).toList();
		assertThat(puts).extracting(StubServer.Seen::ifMatch)
			.containsExactly("\"1\"", "\"2\"", "\"3\"", "\"4\"", "\"5\"", "\"7\"");
		// after the payment the update keeps the invoice paid
		assertThat(puts.get(5).body()).contains("\"status\":\"PAID\"", "\"paidAt\":\"");
		assertThat(this.versions).isEmpty();
		assertThat(workload.ownInvoices()).isZero();
	}

	@Test
	void countsAPreconditionFailureAsAConflictAndForgetsThatInvoice() {
		Workload workload = workload(0);
		try (Workload.Session session = workload.newSession()) {
			session.execute(Operation.CREATE);
			this.someoneElseChangesEverything.set(true);
			assertThat(session.execute(Operation.UPDATE))
				.isEqualTo(new Outcome(Operation.UPDATE, Outcome.Kind.CONFLICT, "412"));
		}
		assertThat(workload.ownInvoices()).isZero();
	}

	@Test
	void createsWhenThereIsNothingToChange() {
		Workload workload = workload(0);
		try (Workload.Session session = workload.newSession()) {
			assertThat(session.execute(Operation.DELETE).operation()).isEqualTo(Operation.CREATE);
			assertThat(session.execute(Operation.PAY).operation()).isEqualTo(Operation.PAY);
			assertThat(session.execute(Operation.PAY).operation()).as("the only invoice is paid now")
				.isEqualTo(Operation.CREATE);
		}
	}

	@Test
	void samplesEveryNthCreateWithACustomerOfItsOwnAndKeepsItOutOfTheChanges() {
		Workload workload = workload(4);
		try (Workload.Session session = workload.newSession()) {
			for (int i = 0; i < 8; i++) {
				session.execute(Operation.CREATE);
			}
		}
		assertThat(this.sampled).hasSize(2).doesNotContainAnyElementsOf(this.customers.own());
		assertThat(workload.ownInvoices()).isEqualTo(6);
		List<String> bodies = this.server.requests.stream().map(StubServer.Seen::body).toList();
		assertThat(bodies.get(3)).contains(this.sampled.get(0).toString());
		assertThat(bodies.get(0)).contains("\"currency\":\"EUR\"");
	}

	@Test
	void namesASampledCreateByIdAndVersionSoThatRevenueCanBeAskedToWaitForIt() throws IOException {
		Workload workload = workload(1);
		try (Workload.Session session = workload.newSession()) {
			session.execute(Operation.CREATE);
			String id = this.versions.keySet().iterator().next();
			assertThat(this.sampledChanges).containsExactly(id + ":1");
			UUID customer = this.sampled.get(0);
			session.invoiceCount(customer, this.sampledChanges.get(0));
			session.invoiceCount(customer, null);
		}
		List<StubServer.Seen> reads = this.server.requests.stream()
			.filter((seen) -> seen.path().startsWith("/api/revenue/"))
			.toList();
		assertThat(reads).extracting(StubServer.Seen::tallyAfter).containsExactly(this.sampledChanges.get(0), null);
		assertThat(reads).extracting(StubServer.Seen::path)
			.containsOnly("/api/revenue/customers/" + this.sampled.get(0));
	}

	@Test
	void readsTwelveMonthsOfOneCurrencyAndOnlyCustomersWithData() {
		Workload workload = workload(0);
		try (Workload.Session session = workload.newSession()) {
			assertThat(session.execute(Operation.CUSTOMER)).as("no customer with data yet")
				.isEqualTo(new Outcome(Operation.CUSTOMER, Outcome.Kind.ERROR, "no-customer"));
			this.customers.addWithData(List.of(this.customers.own().get(1)));
			assertThat(session.execute(Operation.CUSTOMER).kind()).isEqualTo(Outcome.Kind.OK);
			assertThat(session.execute(Operation.MONTHLY).kind()).isEqualTo(Outcome.Kind.OK);
			assertThat(session.execute(Operation.SUMMARY).kind()).isEqualTo(Outcome.Kind.OK);
		}
		List<String> paths = this.server.requests.stream().map(StubServer.Seen::path).toList();
		assertThat(paths.get(0)).isEqualTo("/api/revenue/customers/" + this.customers.own().get(1));
		assertThat(paths.get(1)).matches("/api/revenue/monthly\\?from=\\d{4}-\\d{2}&to=\\d{4}-\\d{2}&currency=EUR");
		assertThat(paths.get(2)).isEqualTo("/api/revenue/summary");
	}

	@Test
	void namesTheFailureWhenThereIsNoAnswer() {
		Workload workload = new Workload(Endpoint.of("http://127.0.0.1:1"), Endpoint.of(this.server.url()),
				Authorization.NONE, 2000, this.customers, "EUR", 0, (customer, change, at) -> {
				});
		try (Workload.Session session = workload.newSession()) {
			assertThat(session.execute(Operation.CREATE))
				.isEqualTo(new Outcome(Operation.CREATE, Outcome.Kind.ERROR, "io"));
		}
	}

	@Test
	void countsInvoicesOverAllCurrenciesOfACustomer() throws IOException {
		assertThat(Workload.invoiceCount(("{\"customerId\":\"x\",\"totals\":[{\"currency\":\"EUR\",\"invoiceCount\":2},"
				+ "{\"currency\":\"USD\",\"invoiceCount\":3}]}")
			.getBytes())).isEqualTo(5);
	}

	private Workload workload(int freshnessEvery) {
		return new Workload(Endpoint.of(this.server.url()), Endpoint.of(this.server.url()), Authorization.NONE, 5000,
				this.customers, "EUR", freshnessEvery, (customer, change, at) -> {
					this.sampled.add(customer);
					this.sampledChanges.add(change);
				});
	}

}
