package io.tally.invoice.invoice;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.tally.support.validation.FieldViolation;
import io.tally.support.validation.InvalidRequest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(InvoiceController.class)
class InvoiceControllerTest {

	private static final UUID ID = UUID.fromString("5b1f3d0c-0000-4000-8000-000000000001");

	private static final UUID CUSTOMER = UUID.fromString("5b1f3d0c-0000-4000-8000-0000000000c1");

	private static final String VALID_PUT = """
			{"customerId":"%s","amountMinor":100,"currency":"EUR","status":"PENDING","issueDate":"2026-11-02"}"""
		.formatted(CUSTOMER);

	@Autowired
	MockMvc mvc;

	@MockitoBean
	InvoiceService service;

	private static Invoice invoice(long version) {
		Instant at = Instant.parse("2026-11-02T10:00:00Z");
		return new Invoice(ID, CUSTOMER, 15795, "USD", InvoiceStatus.PENDING, LocalDate.parse("2026-11-02"), null,
				version, at, at);
	}

	private ResultActions postJson(String json) throws Exception {
		return this.mvc.perform(post("/api/invoices").contentType(MediaType.APPLICATION_JSON).content(json));
	}

	private ResultActions expectFieldError(ResultActions result, String field) throws Exception {
		return result.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").exists())
			.andExpect(jsonPath("$.type").exists())
			.andExpect(jsonPath("$.errors[*].field", hasItem(field)))
			.andExpect(jsonPath("$.errors[0].message").exists());
	}

	@Test
	void createsInvoiceWithLocationAndEtag() throws Exception {
		given(this.service.create(any(), isNull())).willReturn(new InvoiceService.CreateResult(invoice(1), false));
		postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":15795}").andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/invoices/" + ID))
			.andExpect(header().string("ETag", "\"1\""))
			.andExpect(jsonPath("$.id").value(ID.toString()))
			.andExpect(jsonPath("$.amountMinor").value(15795))
			.andExpect(jsonPath("$.currency").value("USD"))
			.andExpect(jsonPath("$.status").value("PENDING"))
			.andExpect(jsonPath("$.issueDate").value("2026-11-02"))
			.andExpect(jsonPath("$.paidAt").doesNotExist())
			.andExpect(jsonPath("$.version").value(1));
		verify(this.service).create(eq(new InvoiceDetails(CUSTOMER, 15795L, null, null, null, null)), isNull());
	}

	@Test
	void passesIdempotencyKeyAndReportsReplay() throws Exception {
		given(this.service.create(any(), eq("key-1"))).willReturn(new InvoiceService.CreateResult(invoice(1), true));
		this.mvc
			.perform(post("/api/invoices").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "key-1")
				.content("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":15795}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Idempotent-Replayed", "true"));
	}

	@Test
	void rejectsOverlongIdempotencyKey() throws Exception {
		expectFieldError(this.mvc.perform(post("/api/invoices").contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "k".repeat(256))
			.content("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":15795}")), "Idempotency-Key");
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsMalformedJson() throws Exception {
		postJson("{\"customerId\":").andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400));
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsMissingBody() throws Exception {
		postJson("").andExpect(status().isBadRequest()).andExpect(jsonPath("$.status").value(400));
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsUnknownField() throws Exception {
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1,\"discount\":5}"),
				"discount");
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsWrongJsonTypes() throws Exception {
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":\"lots\"}"), "amountMinor");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1.5}"), "amountMinor");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":\"100\"}"), "amountMinor");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":true}"), "amountMinor");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1,\"status\":1}"), "status");
		expectFieldError(postJson("{\"customerId\":7,\"amountMinor\":1}"), "customerId");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":{}}"), "amountMinor");
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":99999999999999999999}"),
				"amountMinor");
		expectFieldError(
				postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1,\"issueDate\":\"02.11.2026\"}"),
				"issueDate");
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsBadUuidInBody() throws Exception {
		expectFieldError(postJson("{\"customerId\":\"not-a-uuid\",\"amountMinor\":1}"), "customerId");
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsBadUuidInPath() throws Exception {
		expectFieldError(this.mvc.perform(get("/api/invoices/not-a-uuid")), "id");
		expectFieldError(this.mvc.perform(delete("/api/invoices/123")), "id");
		verifyNoInteractions(this.service);
	}

	@Test
	void answersTheDomainsFieldErrorsAsOne400ProblemListingThemAll() throws Exception {
		// the rules live in Invoice (InvoiceTest); here: how their refusal reaches the
		// client
		given(this.service.create(any(), isNull())).willThrow(new InvalidRequest(List
			.of(new FieldViolation("customerId", "is required"), new FieldViolation("amountMinor", "is required"))));
		expectFieldError(postJson("{}"), "customerId")
			.andExpect(jsonPath("$.type").value("urn:tally:problem:invalid-request"))
			.andExpect(jsonPath("$.errors[1].field").value("amountMinor"))
			.andExpect(jsonPath("$.detail").value("customerId: is required; amountMinor: is required"));
	}

	@Test
	void rejectsUnknownStatus() throws Exception {
		expectFieldError(postJson("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1,\"status\":\"VOID\"}"),
				"status");
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsOversizedBodyWith413() throws Exception {
		String big = "{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":1,\"x\":\"" + "a".repeat(70_000) + "\"}";
		postJson(big).andExpect(status().isContentTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(413));
		verifyNoInteractions(this.service);
	}

	@Test
	void rejectsUnsupportedMediaType() throws Exception {
		this.mvc.perform(post("/api/invoices").contentType(MediaType.TEXT_PLAIN).content("hello"))
			.andExpect(status().isUnsupportedMediaType())
			.andExpect(jsonPath("$.status").value(415));
		verifyNoInteractions(this.service);
	}

	@Test
	void getsInvoiceWithEtag() throws Exception {
		given(this.service.get(ID)).willReturn(invoice(3));
		this.mvc.perform(get("/api/invoices/" + ID))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"3\""))
			.andExpect(jsonPath("$.version").value(3))
			.andExpect(jsonPath("$.createdAt").value("2026-11-02T10:00:00Z"));
	}

	@Test
	void answers404ProblemForMissingInvoice() throws Exception {
		given(this.service.get(ID)).willThrow(new InvoiceNotFound(ID));
		this.mvc.perform(get("/api/invoices/" + ID))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail", containsString(ID.toString())));
	}

	@Test
	void listsWithFiltersAndPaging() throws Exception {
		given(this.service.list(CUSTOMER, InvoiceStatus.PAID, 2, 50))
			.willReturn(new InvoicePage(List.of(invoice(1)), 2, 50, 101));
		this.mvc
			.perform(get("/api/invoices").param("customerId", CUSTOMER.toString())
				.param("status", "PAID")
				.param("page", "2")
				.param("size", "50"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(ID.toString()))
			.andExpect(jsonPath("$.page").value(2))
			.andExpect(jsonPath("$.size").value(50))
			.andExpect(jsonPath("$.totalElements").value(101));
	}

	@Test
	void listUsesDefaultPaging() throws Exception {
		given(this.service.list(null, null, 0, 20)).willReturn(new InvoicePage(List.of(), 0, 20, 0));
		this.mvc.perform(get("/api/invoices")).andExpect(status().isOk()).andExpect(jsonPath("$.size").value(20));
	}

	@Test
	void rejectsBadPaging() throws Exception {
		expectFieldError(this.mvc.perform(get("/api/invoices").param("size", "201")), "size");
		expectFieldError(this.mvc.perform(get("/api/invoices").param("size", "0")), "size");
		expectFieldError(this.mvc.perform(get("/api/invoices").param("page", "-1")), "page");
		expectFieldError(this.mvc.perform(get("/api/invoices").param("page", "x")), "page");
		expectFieldError(this.mvc.perform(get("/api/invoices").param("status", "OPEN")), "status");
		expectFieldError(this.mvc.perform(get("/api/invoices").param("customerId", "nope")), "customerId");
		verifyNoInteractions(this.service);
	}

	@Test
	void replacesWithIfMatchVersion() throws Exception {
		given(this.service.replace(eq(ID), any(), eq(3L))).willReturn(invoice(4));
		this.mvc
			.perform(put("/api/invoices/" + ID).contentType(MediaType.APPLICATION_JSON)
				.header("If-Match", "\"3\"")
				.content(VALID_PUT))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", "\"4\""))
			.andExpect(jsonPath("$.version").value(4));
		verify(this.service).replace(ID,
				new InvoiceDetails(CUSTOMER, 100L, "EUR", InvoiceStatus.PENDING, LocalDate.parse("2026-11-02"), null),
				3L);
	}

	@Test
	void replacesWithoutIfMatch() throws Exception {
		given(this.service.replace(eq(ID), any(), isNull())).willReturn(invoice(2));
		this.mvc.perform(put("/api/invoices/" + ID).contentType(MediaType.APPLICATION_JSON).content(VALID_PUT))
			.andExpect(status().isOk());
	}

	@Test
	void answers412WhenIfMatchIsStale() throws Exception {
		given(this.service.replace(eq(ID), any(), eq(1L))).willThrow(new InvoiceVersionMismatch(ID, 1, 2));
		this.mvc
			.perform(put("/api/invoices/" + ID).contentType(MediaType.APPLICATION_JSON)
				.header("If-Match", "\"1\"")
				.content(VALID_PUT))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.status").value(412));
	}

	@Test
	void rejectsMalformedIfMatch() throws Exception {
		expectFieldError(this.mvc.perform(put("/api/invoices/" + ID).contentType(MediaType.APPLICATION_JSON)
			.header("If-Match", "\"v1\"")
			.content(VALID_PUT)), "If-Match");
		verifyNoInteractions(this.service);
	}

	@Test
	void answers409OnConcurrentChange() throws Exception {
		given(this.service.replace(eq(ID), any(), isNull()))
			.willThrow(new InvoiceChangedConcurrently(ID, new RuntimeException("lost race")));
		this.mvc.perform(put("/api/invoices/" + ID).contentType(MediaType.APPLICATION_JSON).content(VALID_PUT))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.status").value(409));
	}

	@Test
	void paysWithoutBody() throws Exception {
		given(this.service.pay(ID, null, null)).willReturn(invoice(2));
		this.mvc.perform(post("/api/invoices/" + ID + "/payment")).andExpect(status().isOk());
		verify(this.service).pay(ID, null, null);
	}

	@Test
	void paysWithPaidAt() throws Exception {
		Instant paidAt = Instant.parse("2026-11-03T08:00:00Z");
		given(this.service.pay(ID, paidAt, null)).willReturn(invoice(2));
		this.mvc
			.perform(post("/api/invoices/" + ID + "/payment").contentType(MediaType.APPLICATION_JSON)
				.content("{\"paidAt\":\"2026-11-03T08:00:00Z\"}"))
			.andExpect(status().isOk());
		verify(this.service).pay(ID, paidAt, null);
	}

	@Test
	void answers422WhenIdempotencyKeyIsReusedWithAnotherBody() throws Exception {
		given(this.service.create(any(), eq("k"))).willThrow(new IdempotencyKeyReused());
		this.mvc
			.perform(post("/api/invoices").contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", "k")
				.content("{\"customerId\":\"" + CUSTOMER + "\",\"amountMinor\":2}"))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.status").value(422));
	}

	@Test
	void deletesWith204() throws Exception {
		this.mvc.perform(delete("/api/invoices/" + ID)).andExpect(status().isNoContent());
		verify(this.service).delete(ID, null);
	}

	@Test
	void hidesUnexpectedFailuresBehindAPlain500Problem() throws Exception {
		given(this.service.get(ID)).willThrow(new IllegalStateException("secret internals"));
		this.mvc.perform(get("/api/invoices/" + ID))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("secret internals"))))
			.andExpect(content().string(not(containsString("at io.tally"))))
			.andExpect(jsonPath("$.trace").doesNotExist());
	}

	@Test
	void answers503WithRetryAfterWhenTheDatabaseIsUnreachable() throws Exception {
		given(this.service.create(any(), any()))
			.willThrow(new CannotGetJdbcConnectionException("connection refused to db-host:5432"));
		this.mvc
			.perform(post("/api/invoices").contentType(MediaType.APPLICATION_JSON)
				.content("{\"customerId\":\"" + UUID.randomUUID() + "\",\"amountMinor\":100}"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unavailable"))
			.andExpect(content().string(not(containsString("db-host"))));
	}

}
