package io.tally.invoice.invoice;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import io.tally.events.InvoiceCreated;
import io.tally.events.InvoiceDeleted;
import io.tally.events.InvoicePaid;
import io.tally.events.InvoiceUpdated;
import io.tally.invoice.EventProbe;
import io.tally.invoice.ServiceIntegrationTest;
import io.tally.testsupport.http.JsonHttp;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionOperations;

import static io.tally.invoice.EventProbe.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every change yields exactly one event on invoice-events; rolled-back changes and no-ops
 * yield none.
 */
class InvoiceEventsTest extends ServiceIntegrationTest {

	private static final String TOPIC = "invoice-events";

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Autowired
	InvoiceService service;

	@Autowired
	TransactionOperations transactions;

	private String create(String json) {
		JsonHttp.Response response = send("POST", "/api/invoices", json);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return idOf(response.body());
	}

	private static String idOf(String json) {
		int start = json.indexOf("\"id\":\"") + 6;
		return json.substring(start, start + 36);
	}

	@Test
	void eachChangeTypeYieldsExactlyOneEventWithKeyHeadersVersionAndState() {
		UUID customer = UUID.randomUUID();
		String id = create("{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":15795,\"currency\":\"EUR\",\"issueDate\":\"2026-11-02\"}");
		assertThat(send("PUT", "/api/invoices/" + id, "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":20000,\"currency\":\"EUR\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-03\"}")
			.status()).isEqualTo(200);
		assertThat(send("POST", "/api/invoices/" + id + "/payment", "{\"paidAt\":\"2026-11-04T08:30:00Z\"}").status())
			.isEqualTo(200);
		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);

		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(id))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(4, WAIT);
			assertThat(records).hasSize(4);
			assertThat(records).extracting(ConsumerRecord::key).containsOnly(id);
			assertThat(records).extracting((r) -> (Object) r.value().getClass())
				.containsExactly(InvoiceCreated.class, InvoiceUpdated.class, InvoicePaid.class, InvoiceDeleted.class);
			assertThat(records).extracting((r) -> header(r, "eventType"))
				.containsExactly("InvoiceCreated", "InvoiceUpdated", "InvoicePaid", "InvoiceDeleted");
			assertThat(records).extracting((r) -> header(r, "invoiceVersion")).containsExactly("1", "2", "3", "4");
			for (ConsumerRecord<String, Object> record : records) {
				SpecificRecord value = (SpecificRecord) record.value();
				assertThat(field(value, "eventId")).isEqualTo(header(record, "eventId"));
				assertThat(field(value, "invoiceId")).isEqualTo(id);
				assertThat(field(value, "invoiceVersion").toString()).isEqualTo(header(record, "invoiceVersion"));
				assertThat(field(value, "customerId")).isEqualTo(customer.toString());
				assertThat(field(value, "currency")).isEqualTo("EUR");
			}
			InvoiceCreated created = (InvoiceCreated) records.get(0).value();
			assertThat(created.getAmountMinor()).isEqualTo(15795);
			assertThat(created.getStatus()).isEqualTo(io.tally.events.InvoiceStatus.PENDING);
			assertThat(created.getIssueDate()).isEqualTo(LocalDate.parse("2026-11-02"));
			assertThat(created.getPaidAt()).isNull();
			InvoiceUpdated updated = (InvoiceUpdated) records.get(1).value();
			assertThat(updated.getAmountMinor()).isEqualTo(20000);
			assertThat(updated.getIssueDate()).isEqualTo(LocalDate.parse("2026-11-03"));
			InvoicePaid paid = (InvoicePaid) records.get(2).value();
			assertThat(paid.getStatus()).isEqualTo(io.tally.events.InvoiceStatus.PAID);
			assertThat(paid.getPaidAt()).isEqualTo(Instant.parse("2026-11-04T08:30:00Z"));
			InvoiceDeleted deleted = (InvoiceDeleted) records.get(3).value();
			assertThat(deleted.getInvoiceVersion()).isEqualTo(4);
			assertThat(deleted.getStatus()).isEqualTo(io.tally.events.InvoiceStatus.PAID);
			assertThat(deleted.getAmountMinor()).isEqualTo(20000);
		}
	}

	@Test
	void noOpsYieldNoEvents() {
		UUID customer = UUID.randomUUID();
		String body = "{\"customerId\":\"" + customer + "\",\"amountMinor\":500,\"issueDate\":\"2026-10-01\"}";
		JsonHttp.Response first = send("POST", "/api/invoices", body, "Idempotency-Key", "noop-" + customer);
		String id = idOf(first.body());
		// a repeated Idempotency-Key, an identical PUT and a second payment change
		// nothing
		JsonHttp.Response replay = send("POST", "/api/invoices", body, "Idempotency-Key", "noop-" + customer);
		assertThat(replay.status()).isEqualTo(201);
		assertThat(idOf(replay.body())).isEqualTo(id);
		String same = "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":500,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-10-01\"}";
		JsonHttp.Response unchanged = send("PUT", "/api/invoices/" + id, same);
		assertThat(unchanged.status()).isEqualTo(200);
		assertThat(unchanged.body()).contains("\"version\":1");
		assertThat(send("POST", "/api/invoices/" + id + "/payment", null).status()).isEqualTo(200);
		JsonHttp.Response paidAgain = send("POST", "/api/invoices/" + id + "/payment", null);
		assertThat(paidAgain.status()).isEqualTo(200);
		assertThat(paidAgain.body()).contains("\"version\":2");
		// the final, real change is the marker: everything before it has been relayed
		// when it arrives
		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);

		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(id))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(3, WAIT);
			assertThat(records).extracting((r) -> header(r, "eventType"))
				.containsExactly("InvoiceCreated", "InvoicePaid", "InvoiceDeleted");
			assertThat(records).extracting((r) -> header(r, "invoiceVersion")).containsExactly("1", "2", "3");
		}
	}

	@Test
	void rolledBackAndRefusedChangesYieldNoEvents() {
		UUID customer = UUID.randomUUID();
		String id = create("{\"customerId\":\"" + customer + "\",\"amountMinor\":700}");
		// a change whose transaction rolls back after the outbox row was written
		this.transactions.executeWithoutResult((tx) -> {
			this.service.replace(UUID.fromString(id), new InvoiceDetails(customer, 800L, "USD", InvoiceStatus.PENDING,
					LocalDate.parse("2026-01-01"), null), null);
			tx.setRollbackOnly();
		});
		// refused requests: stale If-Match and invalid input
		assertThat(send("PUT", "/api/invoices/" + id, "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":900,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-01-01\"}",
				"If-Match", "\"7\"")
			.status()).isEqualTo(412);
		assertThat(send("PUT", "/api/invoices/" + id, "{\"customerId\":\"" + customer
				+ "\",\"amountMinor\":0,\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-01-01\"}")
			.status()).isEqualTo(400);
		assertThat(this.service.get(UUID.fromString(id)).version()).isEqualTo(1);
		assertThat(this.service.get(UUID.fromString(id)).amountMinor()).isEqualTo(700);
		assertThat(send("DELETE", "/api/invoices/" + id, null).status()).isEqualTo(204);

		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(id))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(2, WAIT);
			assertThat(records).extracting((r) -> header(r, "eventType"))
				.containsExactly("InvoiceCreated", "InvoiceDeleted");
			assertThat(records).extracting((r) -> header(r, "invoiceVersion")).containsExactly("1", "2");
		}
	}

	@Test
	void fiftyRapidUpdatesArriveInVersionOrder() {
		UUID customer = UUID.randomUUID();
		String id = create("{\"customerId\":\"" + customer + "\",\"amountMinor\":1}");
		for (int i = 2; i <= 51; i++) {
			JsonHttp.Response response = send("PUT", "/api/invoices/" + id,
					"{\"customerId\":\"" + customer + "\",\"amountMinor\":" + i
							+ ",\"currency\":\"USD\",\"status\":\"PENDING\",\"issueDate\":\"2026-11-02\"}");
			assertThat(response.status()).isEqualTo(200);
		}
		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(id))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(51, WAIT);
			assertThat(records).hasSize(51);
			for (int i = 0; i < 51; i++) {
				SpecificRecord value = (SpecificRecord) records.get(i).value();
				assertThat(field(value, "invoiceVersion")).isEqualTo((long) i + 1);
				assertThat(field(value, "amountMinor")).isEqualTo((long) i + 1);
			}
		}
	}

	/**
	 * The audit seam end to end: the change is made as the resource server will make it,
	 * with the request's Authentication in Spring Security's context (here set by the
	 * test: a JWT's subject is its name), and read back from the invoice API and from
	 * Kafka.
	 */
	@Test
	void theSubjectBehindEachChangeIsRecordedOnTheInvoiceAndCarriedAsChangedBy() {
		String finance = UUID.randomUUID().toString(); // an opaque user id, as the
														// auth-server issues
		String cli = "tally-cli"; // a client-credentials token's subject is the client id
		UUID customer = UUID.randomUUID();
		UUID id = as(finance,
				() -> this.service.create(new InvoiceDetails(customer, 4200L, "EUR", null, null, null), null))
			.invoice()
			.id();
		as(cli, () -> this.service.pay(id, null, null));

		JsonNode invoice = send("GET", "/api/invoices/" + id, null).expect(200).json();
		assertThat(invoice.path("createdBy").asString()).isEqualTo(finance);
		assertThat(invoice.path("updatedBy").asString()).isEqualTo(cli);
		// a change over the API names its token's subject (the test issuer's client)
		assertThat(send("PUT", "/api/invoices/" + id,
				"{\"customerId\":\"" + customer
						+ "\",\"amountMinor\":4300,\"currency\":\"EUR\",\"status\":\"PAID\",\"issueDate\":\""
						+ invoice.path("issueDate").asString() + "\"}")
			.expect(200)
			.json()
			.path("updatedBy")
			.asString()).isEqualTo("test-client");
		as(finance, () -> {
			this.service.delete(id, null);
			return null;
		});

		try (EventProbe probe = EventProbe.forInvoices(TOPIC, Set.of(id.toString()))) {
			List<ConsumerRecord<String, Object>> records = probe.awaitCount(4, WAIT);
			assertThat(records).extracting((r) -> header(r, "eventType"))
				.containsExactly("InvoiceCreated", "InvoicePaid", "InvoiceUpdated", "InvoiceDeleted");
			assertThat(records).extracting((r) -> field((SpecificRecord) r.value(), "changedBy"))
				.containsExactly(finance, cli, "test-client", finance);
		}
	}

	private static <T> T as(String subject, Supplier<T> change) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(subject, null, "SCOPE_invoices:write"));
		try {
			return change.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static Object field(SpecificRecord record, String name) {
		Object value = record.get(record.getSchema().getField(name).pos());
		return (value instanceof CharSequence text) ? text.toString() : value;
	}

}
