package io.tally.revenue.revenue;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.tally.revenue.freshness.FreshnessProperties;
import io.tally.revenue.freshness.ReadYourWrites;
import io.tally.revenue.freshness.Watermark;
import io.tally.support.security.ResourceServerConfiguration;
import io.tally.support.security.Scopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(RevenueController.class)
@Import({ RevenueApiAccess.class, RevenueControllerTest.SignedIn.class })
@ImportAutoConfiguration(ResourceServerConfiguration.class)
class RevenueControllerTest {

	@Autowired
	MockMvc mvc;

	@MockitoBean
	RevenueReadModel readModel;

	// passes every read through (SharedAnswersTest covers what it keeps)
	@MockitoBean
	SharedAnswers shared;

	// collaborators of the stream endpoint and of the freshness filter the slice picks up
	@MockitoBean
	RevenueStream stream;

	@MockitoBean
	Watermark watermark;

	@MockitoBean
	ReadYourWrites readYourWrites;

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FreshnessProperties.class)
	static class FreshnessSettings {

	}

	@BeforeEach
	void readThrough() {
		given(this.shared.answer(any(), anyBoolean(), any()))
			.willAnswer((call) -> call.<Supplier<?>>getArgument(2).get());
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource({ "from, 2026-13", "from, 2026-1", "from, 26-01", "from, 2026/01", "from, november", "to, 2026-00",
			"to, 2026-01-05", "to, ''" })
	void rejectsMalformedMonths(String parameter, String value) throws Exception {
		this.mvc.perform(get("/api/revenue/monthly").param(parameter, value))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:invalid-parameter"))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.title").exists())
			.andExpect(jsonPath("$.detail").value(containsString(parameter)))
			.andExpect(jsonPath("$.errors[0].field").value(parameter));
		verifyNoInteractions(this.readModel);
	}

	@Test
	void rejectsFromAfterTo() throws Exception {
		this.mvc.perform(get("/api/revenue/monthly").param("from", "2026-11").param("to", "2026-10"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("after")))
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		verifyNoInteractions(this.readModel);
	}

	@Test
	void rejectsRangesOverOneHundredTwentyMonths() throws Exception {
		this.mvc.perform(get("/api/revenue/monthly").param("from", "2016-01").param("to", "2026-01"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("121 months")));
		verifyNoInteractions(this.readModel);
	}

	@Test
	void acceptsExactlyOneHundredTwentyMonths() throws Exception {
		given(this.readModel.monthly(any(), any())).willReturn(List.of());

		this.mvc.perform(get("/api/revenue/monthly").param("from", "2016-02").param("to", "2026-01"))
			.andExpect(status().isOk());

		verify(this.readModel).monthly(new MonthRange(YearMonth.of(2016, 2), YearMonth.of(2026, 1)), Optional.empty());
	}

	@ParameterizedTest
	@CsvSource({ "usd", "US", "USDX", "ABC", "12$" })
	void rejectsBadCurrencies(String currency) throws Exception {
		this.mvc.perform(get("/api/revenue/monthly").param("currency", currency))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("currency"));
		verifyNoInteractions(this.readModel);
	}

	@Test
	void defaultsToTheLastTwelveMonths() throws Exception {
		given(this.readModel.monthly(any(), any())).willReturn(List.of());
		YearMonth now = YearMonth.now(ZoneOffset.UTC);

		this.mvc.perform(get("/api/revenue/monthly").param("currency", "EUR")).andExpect(status().isOk());

		verify(this.readModel).monthly(new MonthRange(now.minusMonths(11), now), Optional.of("EUR"));
	}

	@Test
	void servesMonthlyFigures() throws Exception {
		given(this.readModel.monthly(any(), any()))
			.willReturn(List.of(new MonthlyRevenue("2026-11", "USD", 15795, 5000, 10795)));

		this.mvc.perform(get("/api/revenue/monthly").param("from", "2026-11").param("to", "2026-11"))
			.andExpect(status().isOk())
			.andExpect(content().contentType(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$[0].month").value("2026-11"))
			.andExpect(jsonPath("$[0].currency").value("USD"))
			.andExpect(jsonPath("$[0].invoicedMinor").value(15795))
			.andExpect(jsonPath("$[0].collectedMinor").value(5000))
			.andExpect(jsonPath("$[0].pendingMinor").value(10795));
	}

	@Test
	void rejectsACustomerIdThatIsNotAUuid() throws Exception {
		this.mvc.perform(get("/api/revenue/customers/not-a-uuid"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:invalid-parameter"))
			.andExpect(jsonPath("$.errors[0].field").value("customerId"));
		verifyNoInteractions(this.readModel);
	}

	@Test
	void answersNotFoundForACustomerNeverSeen() throws Exception {
		UUID customer = UUID.randomUUID();
		given(this.readModel.customer(customer)).willReturn(Optional.empty());

		this.mvc.perform(get("/api/revenue/customers/{id}", customer))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:customer-not-found"))
			.andExpect(jsonPath("$.status").value(404))
			.andExpect(jsonPath("$.detail").value(containsString(customer.toString())));
	}

	@Test
	void servesACustomersTotals() throws Exception {
		UUID customer = UUID.randomUUID();
		given(this.readModel.customer(customer)).willReturn(
				Optional.of(new CustomerRevenue(customer, List.of(new CurrencyTotals("EUR", 2500, 2500, 0, 1)))));

		this.mvc.perform(get("/api/revenue/customers/{id}", customer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.customerId").value(customer.toString()))
			.andExpect(jsonPath("$.totals[0].currency").value("EUR"))
			.andExpect(jsonPath("$.totals[0].invoicedMinor").value(2500))
			.andExpect(jsonPath("$.totals[0].collectedMinor").value(2500))
			.andExpect(jsonPath("$.totals[0].pendingMinor").value(0))
			.andExpect(jsonPath("$.totals[0].invoiceCount").value(1));
	}

	@Test
	void servesTheSummary() throws Exception {
		given(this.readModel.summary()).willReturn(new RevenueSummary(List.of(new CurrencyTotals("USD", 3, 2, 1, 2)), 7,
				Instant.parse("2026-11-27T10:15:30Z")));

		this.mvc.perform(get("/api/revenue/summary"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totals[0].currency").value("USD"))
			.andExpect(jsonPath("$.totals[0].invoiceCount").value(2))
			.andExpect(jsonPath("$.customerCount").value(7))
			.andExpect(jsonPath("$.lastEventAt").value("2026-11-27T10:15:30Z"));
	}

	@Test
	void sharesTheSummaryAndMonthlyAnswersExceptWithRequestsThatWaitedOrAskedForNoStoredAnswer() throws Exception {
		given(this.readModel.summary()).willReturn(new RevenueSummary(List.of(), 0, null));
		given(this.readModel.monthly(any(), any())).willReturn(List.of());
		String change = UUID.randomUUID() + ":3";

		this.mvc.perform(get("/api/revenue/summary")).andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/summary").header("Tally-After", change)).andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/monthly").param("from", "2026-01").param("to", "2026-03"))
			.andExpect(status().isOk());
		this.mvc
			.perform(get("/api/revenue/monthly").param("from", "2026-01")
				.param("to", "2026-03")
				.param("currency", "EUR")
				.header("Tally-After", change))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/monthly").param("from", "2026-01").param("to", "2026-04"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/monthly").param("from", "2026-01").param("to", "2026-03"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/summary").header("Cache-Control", "no-cache")).andExpect(status().isOk());
		this.mvc
			.perform(get("/api/revenue/monthly").param("from", "2026-01")
				.param("to", "2026-03")
				.header("Cache-Control", "max-age=0"))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/revenue/summary").header("Cache-Control", "max-age=60")).andExpect(status().isOk());

		ArgumentCaptor<Object> keys = ArgumentCaptor.forClass(Object.class);
		ArgumentCaptor<Boolean> mustRead = ArgumentCaptor.forClass(Boolean.class);
		verify(this.shared, times(9)).answer(keys.capture(), mustRead.capture(), any());
		assertThat(mustRead.getAllValues()).containsExactly(false, true, false, true, false, false, true, true, false);
		List<Object> asked = keys.getAllValues();
		assertThat(asked.get(0)).isEqualTo(asked.get(1));
		assertThat(asked.subList(2, 5)).doesNotHaveDuplicates().doesNotContain(asked.get(0));
		assertThat(asked.get(5)).isEqualTo(asked.get(2));
		assertThat(asked.get(6)).isEqualTo(asked.get(0));
		assertThat(asked.get(7)).isEqualTo(asked.get(2));
		assertThat(asked.get(8)).isEqualTo(asked.get(0));
	}

	@Test
	void answersCarryAWeakETagOfTheProjectionVersionAndAskCachesToRevalidate() throws Exception {
		given(this.watermark.version()).willReturn(Optional.of("v1.7"));
		given(this.readModel.summary()).willReturn(new RevenueSummary(List.of(), 0, null));

		this.mvc.perform(get("/api/revenue/summary"))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", startsWith("W/\"v1.7.")))
			.andExpect(header().string("Cache-Control", "private, no-cache"));
	}

	@Test
	void answersNotModifiedWithoutReadingWhenTheClientHoldsTheCurrentVersion() throws Exception {
		given(this.watermark.version()).willReturn(Optional.of("v1.7"));
		given(this.readModel.monthly(any(), any())).willReturn(List.of());
		String tag = this.mvc.perform(get("/api/revenue/monthly"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getHeader("ETag");
		UUID customer = UUID.randomUUID();

		this.mvc.perform(get("/api/revenue/summary").header("If-None-Match", "W/\"other\", " + tag))
			.andExpect(status().isNotModified())
			.andExpect(header().string("ETag", tag))
			.andExpect(content().string(""));
		this.mvc.perform(get("/api/revenue/customers/" + customer).header("If-None-Match", tag))
			.andExpect(status().isNotModified());
		this.mvc.perform(get("/api/revenue/monthly").header("If-None-Match", tag.substring(2)))
			.andExpect(status().isNotModified());

		verify(this.readModel).monthly(any(), any());
		verifyNoMoreInteractions(this.readModel);
	}

	@Test
	void answersInFullWhenTheProjectionMovedSinceTheClientsVersion() throws Exception {
		given(this.watermark.version()).willReturn(Optional.of("v1.7"), Optional.of("v1.8"));
		given(this.readModel.summary()).willReturn(new RevenueSummary(List.of(), 0, null));
		String tag = this.mvc.perform(get("/api/revenue/summary")).andReturn().getResponse().getHeader("ETag");

		this.mvc.perform(get("/api/revenue/summary").header("If-None-Match", tag))
			.andExpect(status().isOk())
			.andExpect(header().string("ETag", startsWith("W/\"v1.8.")));
	}

	@Test
	void aProblemAnswerCarriesNoETag() throws Exception {
		given(this.watermark.version()).willReturn(Optional.of("v1.7"));
		UUID customer = UUID.randomUUID();
		given(this.readModel.customer(customer)).willReturn(Optional.empty());

		this.mvc.perform(get("/api/revenue/customers/" + customer))
			.andExpect(status().isNotFound())
			.andExpect(header().doesNotExist("ETag"));
	}

	@Test
	void givesNoETagAndNeverNotModifiedWhileProjectionNoticesAreNotHeard() throws Exception {
		given(this.watermark.version()).willReturn(Optional.empty());
		given(this.readModel.summary()).willReturn(new RevenueSummary(List.of(), 0, null));

		this.mvc.perform(get("/api/revenue/summary").header("If-None-Match", "*"))
			.andExpect(status().isOk())
			.andExpect(header().doesNotExist("ETag"));
	}

	@Test
	void answersServiceUnavailableNotAServerErrorWhenTheDatabaseIsDown() throws Exception {
		given(this.readModel.summary()).willThrow(new DataAccessResourceFailureException("connection refused"));

		this.mvc.perform(get("/api/revenue/summary"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "5"))
			.andExpect(jsonPath("$.type").value("urn:tally:problem:unavailable"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	/** Every request of these tests carries a token with the API's scopes. */
	@TestConfiguration(proxyBeanMethods = false)
	static class SignedIn {

		@Bean
		MockMvcBuilderCustomizer withApiScopes() {
			return (builder) -> builder.defaultRequest(get("/")
				.with(jwt().authorities(new SimpleGrantedAuthority(Scopes.authority(Scopes.REVENUE_READ)))));
		}

	}

}
