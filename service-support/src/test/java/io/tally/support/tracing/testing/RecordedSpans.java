package io.tally.support.tracing.testing;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Keeps every finished span in memory, as the services' tests and benchmarks' "tracing
 * on" runs need. A {@link SpanProcessor} bean, not a SpanExporter bean: Boot would put an
 * exporter bean behind its batching processor as well, exporting every span twice.
 */
public final class RecordedSpans implements SpanProcessor {

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	private final SpanProcessor processor = SimpleSpanProcessor.create(this.exporter);

	private final AtomicLong recorded = new AtomicLong();

	/** Finished spans, oldest first. */
	public List<SpanData> finished() {
		return this.exporter.getFinishedSpanItems();
	}

	/** Finished spans matching {@code filter}. */
	public List<SpanData> finished(Predicate<SpanData> filter) {
		return finished().stream().filter(filter).toList();
	}

	/** The finished span with this id. */
	public Optional<SpanData> span(String spanId) {
		return finished().stream().filter((span) -> span.getSpanId().equals(spanId)).findFirst();
	}

	/** How many spans finished since the start, forgotten ones included. */
	public long recorded() {
		return this.recorded.get();
	}

	/** Forgets every span finished so far. */
	public void reset() {
		this.exporter.reset();
	}

	@Override
	public void onStart(Context parentContext, ReadWriteSpan span) {
		this.processor.onStart(parentContext, span);
	}

	@Override
	public boolean isStartRequired() {
		return this.processor.isStartRequired();
	}

	@Override
	public void onEnd(ReadableSpan span) {
		this.recorded.incrementAndGet();
		this.processor.onEnd(span);
	}

	@Override
	public boolean isEndRequired() {
		return this.processor.isEndRequired();
	}

	@Override
	public CompletableResultCode shutdown() {
		return this.processor.shutdown();
	}

	@Override
	public CompletableResultCode forceFlush() {
		return this.processor.forceFlush().join(Duration.ofSeconds(5).toMillis(), TimeUnit.MILLISECONDS);
	}

	/** Import this into a test's context: every span sampled and recorded. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Configuration {

		@Bean
		RecordedSpans recordedSpans() {
			return new RecordedSpans();
		}

	}

}
