package io.tally.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.tally.dashboard.api.ApiProblem;
import io.tally.dashboard.api.ApiProblemException;
import io.tally.dashboard.api.CurrencyTotals;
import io.tally.dashboard.api.CustomerTotals;
import io.tally.dashboard.api.Invoice;
import io.tally.dashboard.api.InvoiceClient;
import io.tally.dashboard.api.InvoicePage;
import io.tally.dashboard.api.InvoiceStatus;
import io.tally.dashboard.api.MonthFigures;
import io.tally.dashboard.api.Reading;
import io.tally.dashboard.api.RevenueClient;
import io.tally.dashboard.api.RevenueSummary;
import io.tally.dashboard.api.ServiceUnavailable;
import io.tally.dashboard.invoices.Notice;
import io.tally.dashboard.live.LiveHub;
import io.tally.dashboard.live.LiveView;
import io.tally.dashboard.live.LiveViews;
import io.tally.dashboard.security.SecurityConfiguration;
import io.tally.dashboard.web.FragmentRenderer;
import io.tally.dashboard.writes.RecentWrites;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oauth2Login;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The pages, their security and their languages, with the two services' clients replaced
 * by mocks.
 */
@WebMvcTest
@Import({ SecurityConfiguration.class, DashboardPagesTest.Fixtures.class })
@TestPropertySource(properties = { "tally.dashboard.identity.client-secret=test-only",
		"tally.dashboard.identity.stream-client-secret=test-only" })
class DashboardPagesTest {

	static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

	static final UUID CUSTOMER = UUID.fromString("6f1c2b9e-2d7a-4c1e-9a51-0b7f3c2d1e00");

	static final UUID INVOICE = UUID.fromString("0b7f3c2d-1e00-4c1e-9a51-6f1c2b9e2d7a");

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RevenueClient revenue;

	@MockitoBean
	InvoiceClient invoices;

	@MockitoBean
	RecentWrites writes;

	@MockitoBean
	LiveViews liveViews;

	@MockitoBean
	LiveHub hub;

	@MockitoBean
	FragmentRenderer renderer;

	@TestBean
	Clock clock;

	@BeforeEach
	void figures() {
		given(this.revenue.summary(any()))
			.willReturn(new Reading<>(new RevenueSummary(List.of(new CurrencyTotals("EUR", 123450, 100000, 23450, 3)),
					1, NOW.minusSeconds(2)), NOW.minusSeconds(2), Reading.Consistency.NOT_ASKED));
		given(this.revenue.monthly(any(), any(), eq("EUR"), any()))
			.willReturn(new Reading<>(List.of(new MonthFigures(YearMonth.of(2026, 3), "EUR", 123450, 100000, 23450)),
					null, Reading.Consistency.NOT_ASKED));
		given(this.liveViews.register(any(), anyLong())).willReturn("view-1");
		given(this.invoices.list(any(), any(), anyInt(), anyInt()))
			.willReturn(new InvoicePage(List.of(invoice(InvoiceStatus.PENDING)), 0, 20, 1));
		given(this.invoices.customerIds(anyInt())).willReturn(Set.of(CUSTOMER));
		given(this.revenue.customer(CUSTOMER))
			.willReturn(Optional.of(List.of(new CustomerTotals(CUSTOMER, "EUR", 123450, 100000, 23450, 3))));
	}

	@Test
	void overviewShowsFiguresInGermanFormats() throws Exception {
		this.mvc.perform(get("/").with(finance()).header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<html lang=\"de\" dir=\"ltr\""),
					containsString("März 2026"), containsString("1.234,50\u00a0€"),
					containsString("Aktualisiert vor 2 s"), containsString("sse-connect=\"/live?view=view-1\""))));
	}

	@Test
	void arabicPagesAreRightToLeftWithArabicDigits() throws Exception {
		this.mvc.perform(get("/").with(finance()).param("lang", "ar"))
			.andExpect(status().isOk())
			.andExpect(cookie().value("tally-lang", "ar"))
			.andExpect(cookie().httpOnly("tally-lang", true))
			.andExpect(content().string(allOf(containsString("<html lang=\"ar\" dir=\"rtl\""),
					containsString("مارس ٢٠٢٦"), containsString("١٬٢٣٤٫٥٠\u00a0€"))));
	}

	@Test
	void anUnsupportedLanguageFallsBackToEnglish() throws Exception {
		this.mvc.perform(get("/").with(finance()).header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))
			.andExpect(content().string(allOf(containsString("<html lang=\"en\""), containsString("€1,234.50"))));
	}

	@Test
	void theOverviewWaitsForTheUsersOwnChangeOnce() throws Exception {
		given(this.writes.takeAfter()).willReturn(INVOICE + ":2");

		this.mvc.perform(get("/").with(finance())).andExpect(status().isOk());

		then(this.revenue).should().summary(INVOICE + ":2");
	}

	@Test
	void theOverviewReadsItsFiguresAfreshWhenItReloadsThem() throws Exception {
		RevenueSummary none = new RevenueSummary(List.of(), 0, null);
		given(this.revenue.summaryAfresh()).willReturn(new Reading<>(none, null, Reading.Consistency.NOT_ASKED));
		given(this.revenue.monthlyAfresh(any(), any(), eq("EUR")))
			.willReturn(new Reading<>(List.of(), null, Reading.Consistency.NOT_ASKED));
		this.mvc.perform(get("/").with(finance())).andExpect(status().isOk());
		ArgumentCaptor<LiveView> view = ArgumentCaptor.forClass(LiveView.class);
		then(this.liveViews).should().register(view.capture(), anyLong());

		// after a gap in the stream or a refresh: what this dashboard heard of, another
		// revenue-service instance may not have heard of yet
		view.getValue().reload();

		then(this.revenue).should().summaryAfresh();
		then(this.revenue).should().monthlyAfresh(any(), any(), eq("EUR"));
	}

	@Test
	void customersCanBeSortedWithoutJavaScript() throws Exception {
		this.mvc.perform(get("/customers").with(finance()).param("sort", "collected").param("dir", "asc"))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("aria-sort=\"ascending\""),
					containsString("href=\"/customers?sort=collected&amp;dir=desc\""), containsString("6f1c2b9e"))));
	}

	@Test
	void aViewerSeesInvoicesButNoWriteControls() throws Exception {
		this.mvc.perform(get("/invoices").with(viewer()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("0b7f3c2d"), not(containsString("/invoices/" + INVOICE + "/payment")),
						not(containsString("Mark as paid")), not(containsString("/invoices/new")))));
	}

	@Test
	void financeSeesWriteControls() throws Exception {
		this.mvc.perform(get("/invoices").with(finance()))
			.andExpect(content().string(allOf(containsString("/invoices/" + INVOICE + "/payment"),
					containsString("Mark as paid"), containsString("/invoices/new"))));
	}

	@Test
	void aForgedPaymentByAViewerIsRefusedAndChangesNothing() throws Exception {
		this.mvc.perform(post("/invoices/{id}/payment", INVOICE).param("version", "1").with(viewer()).with(csrf()))
			.andExpect(status().isForbidden());

		then(this.invoices).should(never()).pay(any(), anyLong());
	}

	@Test
	void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/invoices/{id}/payment", INVOICE).param("version", "1").with(finance()))
			.andExpect(status().isForbidden());

		then(this.invoices).should(never()).pay(any(), anyLong());
	}

	@Test
	void markAsPaidSendsTheSeenVersionAndRemembersTheChange() throws Exception {
		Invoice paid = invoice(InvoiceStatus.PAID);
		given(this.invoices.pay(INVOICE, 1)).willReturn(paid);

		this.mvc
			.perform(post("/invoices/{id}/payment", INVOICE).param("version", "1")
				.param("returnTo", "/invoices?page=0&status=PENDING")
				.with(finance())
				.with(csrf()))
			.andExpect(redirectedUrl("/invoices?page=0&status=PENDING"))
			.andExpect(notice("invoice.paid"));

		then(this.writes).should().record(INVOICE, 2);
	}

	@Test
	void aPaymentOfAnInvoiceChangedMeanwhileSaysSo() throws Exception {
		given(this.invoices.pay(INVOICE, 1)).willThrow(new ApiProblemException(
				new ApiProblem(412, "urn:tally:problem:precondition-failed", "Precondition Failed", null, null)));

		this.mvc.perform(post("/invoices/{id}/payment", INVOICE).param("version", "1").with(finance()).with(csrf()))
			.andExpect(redirectedUrl("/invoices"))
			.andExpect(notice("invoice.error.changedMeanwhile"));
		then(this.writes).should(never()).record(any(), anyLong());
	}

	@Test
	void anAmountTheServiceRefusesIsShownNextToTheAmountField() throws Exception {
		given(this.invoices.create(any(), anyString()))
			.willThrow(new ApiProblemException(new ApiProblem(400, "urn:tally:problem:validation", "Invalid request",
					null, List.of(new ApiProblem.FieldError("amountMinor", "must be between 1 and 10000000000000")))));

		this.mvc
			.perform(post("/invoices").with(finance())
				.with(csrf())
				.param("customerId", CUSTOMER.toString())
				.param("amount", "0")
				.param("currency", "EUR")
				.param("status", "PENDING")
				.param("issueDate", "2026-03-01")
				.param("idempotencyKey", "key-1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(allOf(containsString("id=\"amount-error\""),
					containsString("aria-describedby=\"amount-error amount-hint\""),
					containsString("aria-invalid=\"true\""), containsString("Enter an amount greater than zero"))));
	}

	@Test
	void anAmountThatIsNotANumberIsRefusedBeforeAnythingIsSent() throws Exception {
		this.mvc
			.perform(post("/invoices").with(finance())
				.with(csrf())
				.param("customerId", CUSTOMER.toString())
				.param("amount", "twelve")
				.param("currency", "EUR")
				.param("status", "PENDING")
				.param("issueDate", "2026-03-01")
				.param("idempotencyKey", "key-1"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Enter the amount as a number")));
		then(this.invoices).should(never()).create(any(), anyString());
	}

	@Test
	void aValidInvoiceIsCreatedWithTheFormsIdempotencyKey() throws Exception {
		given(this.invoices.create(any(), eq("key-1"))).willReturn(invoice(InvoiceStatus.PENDING));

		this.mvc
			.perform(post("/invoices").with(finance())
				.with(csrf())
				.header(HttpHeaders.ACCEPT_LANGUAGE, "de")
				.param("customerId", CUSTOMER.toString())
				.param("amount", "1.234,50")
				.param("currency", "EUR")
				.param("status", "PENDING")
				.param("issueDate", "2026-03-01")
				.param("idempotencyKey", "key-1"))
			.andExpect(redirectedUrl("/invoices"));

		then(this.invoices).should()
			.create(eq(new io.tally.dashboard.api.InvoiceDraft(CUSTOMER, 123450L, "EUR", InvoiceStatus.PENDING,
					LocalDate.of(2026, 3, 1), null)), eq("key-1"));
	}

	@Test
	void anUnreachableServiceIsA503WithRetryAfter() throws Exception {
		given(this.revenue.summary(isNull()))
			.willThrow(new ServiceUnavailable("revenue-service", new java.net.ConnectException("refused")));

		this.mvc.perform(get("/").with(finance()))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
			.andExpect(content().string(containsString("not available right now")));
	}

	@Test
	void pagesForbidInlineScriptsAndFraming() throws Exception {
		this.mvc.perform(get("/").with(finance()))
			.andExpect(header().string("Content-Security-Policy",
					allOf(containsString("script-src 'self'"), containsString("style-src 'self'"),
							not(containsString("unsafe-inline")), containsString("frame-ancestors 'none'"))))
			.andExpect(header().string("X-Content-Type-Options", "nosniff"));
	}

	@Test
	void aSignedOutVisitorIsSentToSignIn() throws Exception {
		this.mvc.perform(get("/invoices")).andExpect(status().is3xxRedirection());
	}

	@Test
	void theRevenuePagesNeedRevenueRead() throws Exception {
		this.mvc.perform(get("/").with(oauth2Login().authorities(new SimpleGrantedAuthority("SCOPE_invoices:read"))))
			.andExpect(status().isForbidden());
	}

	static ResultMatcher notice(String key) {
		return (result) -> assertThat(((Notice) result.getFlashMap().get("notice")).key()).isEqualTo(key);
	}

	static RequestPostProcessor finance() {
		return oidcLogin().idToken((token) -> token.claim("preferred_username", "finance"))
			.authorities(new SimpleGrantedAuthority("SCOPE_invoices:read"),
					new SimpleGrantedAuthority("SCOPE_invoices:write"),
					new SimpleGrantedAuthority("SCOPE_revenue:read"));
	}

	static RequestPostProcessor viewer() {
		return oidcLogin().idToken((token) -> token.claim("preferred_username", "viewer"))
			.authorities(new SimpleGrantedAuthority("SCOPE_invoices:read"),
					new SimpleGrantedAuthority("SCOPE_revenue:read"));
	}

	static Invoice invoice(InvoiceStatus status) {
		return new Invoice(INVOICE, CUSTOMER, 1200, "EUR", status, LocalDate.of(2026, 3, 1),
				(status == InvoiceStatus.PAID) ? NOW : null, (status == InvoiceStatus.PAID) ? 2 : 1, NOW, NOW);
	}

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@TestConfiguration
	@EnableConfigurationProperties(DashboardProperties.class)
	static class Fixtures {

	}

}
