package io.tally.revenue.revenue;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.revenue.freshness.FreshnessProperties;
import io.tally.revenue.freshness.ProjectionNotice;
import io.tally.revenue.freshness.ProjectionWatcher;
import io.tally.revenue.freshness.Watermark;
import io.tally.revenue.rules.MonthBucket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * A subscriber that stops reading is dropped once it is a whole buffer behind, and does
 * not hold up the others (unit test of {@link RevenueStream}; the figures come from a
 * stubbed read model).
 */
class RevenueStreamDropsSlowSubscribersTest {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private RevenueStream stream;

	@AfterEach
	void stop() {
		this.stream.stop();
	}

	@Test
	void dropsASubscriberThatFallsAWholeBufferBehindAndKeepsServingTheOthers() {
		RevenueReadModel readModel = mock(RevenueReadModel.class);
		when(readModel.months(any())).thenReturn(List.of(new MonthlyRevenue("2026-03", "EUR", 1, 0, 1)));
		when(readModel.customers(any())).thenReturn(List.of());
		when(readModel.totals(any())).thenReturn(List.of(new CurrencyTotals("EUR", 1, 0, 1, 1)));
		ProjectionWatcher watcher = mock(ProjectionWatcher.class);
		this.stream = new RevenueStream(readModel, new Watermark(), watcher, JsonMapper.builder().build(),
				properties(4), this.meters);
		@SuppressWarnings("unchecked")
		ArgumentCaptor<Consumer<ProjectionNotice>> notices = ArgumentCaptor.forClass(Consumer.class);
		verify(watcher).subscribe(notices.capture());
		this.stream.start();

		CountDownLatch neverReads = new CountDownLatch(1);
		SseEmitter stuck = new SseEmitter() {
			@Override
			public void send(SseEventBuilder builder) {
				try {
					neverReads.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		};
		List<Object> received = new CopyOnWriteArrayList<>();
		SseEmitter healthy = new SseEmitter() {
			@Override
			public void send(SseEventBuilder builder) {
				received.add(builder);
			}
		};
		this.stream.subscribe(stuck);
		this.stream.subscribe(healthy);
		assertThat(this.stream.subscriberCount()).isEqualTo(2);

		for (int i = 0; i < 12; i++) {
			notices.getValue()
				.accept(ProjectionNotice.of(Instant.now(), Set.of(new MonthBucket(YearMonth.of(2026, 3), "EUR")),
						Set.of()));
			int sent = i;
			// one notice at a time, so that each becomes its own event
			await().until(() -> received.size() > sent);
		}

		assertThat(this.stream.subscriberCount()).isEqualTo(1);
		assertThat(this.meters.get("tally.revenue.stream.dropped").counter().count()).isEqualTo(1);
		// the ready event plus one event per notice
		assertThat(received).hasSize(13);
		neverReads.countDown();
	}

	private static FreshnessProperties properties(int clientBuffer) {
		return new Binder(new MapConfigurationPropertySource(
				java.util.Map.of("tally.freshness.stream.client-buffer", Integer.toString(clientBuffer))))
			.bindOrCreate("tally.freshness", Bindable.of(FreshnessProperties.class));
	}

}
