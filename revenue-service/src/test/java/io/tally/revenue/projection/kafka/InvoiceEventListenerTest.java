package io.tally.revenue.projection.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.store.BatchApplier;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.RevenueProjection;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * How the batch listener pinpoints the one record the error handler must retry or
 * dead-letter.
 */
class InvoiceEventListenerTest {

	private final BatchApplier batches = mock(BatchApplier.class);

	private final ProjectionProperties properties = new Binder().bindOrCreate("tally.projection",
			ProjectionProperties.class);

	private final InvoiceEventListener listener = new InvoiceEventListener(this.batches,
			new ProjectionMetrics(new SimpleMeterRegistry()), this.properties,
			new ProjectionTracing(TracePropagation.noop(), this.properties));

	@Test
	void readsTopicGroupAndStartUpFromTheProjectionProperties() {
		assertThat(this.listener.getTopic()).isEqualTo("invoice-events");
		assertThat(this.listener.getGroupId()).isEqualTo("revenue-projection");
		assertThat(this.listener.isAutoStartup()).isTrue();
	}

	@Test
	void appliesTheRecordsBeforeAnInvalidOneThenPointsAtIt() {
		List<ConsumerRecord<byte[], Object>> records = List.of(record(0, valid()), record(1, valid()),
				record(2, invalid()), record(3, valid()));
		given(this.batches.apply(anyList())).willAnswer((call) -> applied(call.getArgument(0)));

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(records));

		assertThat(failure.getIndex()).isEqualTo(2);
		assertThat(failure.getCause()).isInstanceOf(InvalidEvent.class);
		verify(this.batches)
			.apply(List.of(EventMapper.toChange(records.get(0).value()), EventMapper.toChange(records.get(1).value())));
	}

	@Test
	void retriesFromTheFirstRecordOnATransientDatabaseFailure() {
		given(this.batches.apply(anyList())).willThrow(new CannotAcquireLockException("lock timeout"));

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(List.of(record(0, valid()), record(1, valid()))));

		assertThat(failure.getIndex()).isEqualTo(0);
		assertThat(failure.getCause()).isInstanceOf(CannotAcquireLockException.class);
	}

	@Test
	void findsTheRecordThatBreaksTheDatabaseByApplyingOneAtATime() {
		List<ConsumerRecord<byte[], Object>> records = List.of(record(0, valid()), record(1, valid()),
				record(2, valid()));
		InvoiceChange culprit = EventMapper.toChange(records.get(1).value());
		List<List<InvoiceChange>> calls = new ArrayList<>();
		given(this.batches.apply(anyList())).willAnswer((call) -> {
			List<InvoiceChange> changes = List.copyOf(call.getArgument(0));
			calls.add(changes);
			if (changes.contains(culprit)) {
				throw new DataIntegrityViolationException("numeric overflow");
			}
			return applied(changes);
		});

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(records));

		assertThat(failure.getIndex()).isEqualTo(1);
		assertThat(calls).hasSize(3);
		assertThat(calls.get(1)).containsExactly(EventMapper.toChange(records.get(0).value()));
	}

	@Test
	void pointsAtAnEmptyValueWithoutTouchingTheDatabase() {
		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(List.of(record(0, null))));

		assertThat(failure.getIndex()).isEqualTo(0);
		verify(this.batches, never()).apply(anyList());
	}

	@Test
	void treatsAnUnreachableRegistryAsTransient() {
		ConsumerRecord<byte[], Object> record = record(0, null);
		SerializationUtils.deserializationException(record.headers(), new byte[] { 0, 0, 0, 0, 1 },
				new DeserializationException("failed", new byte[] { 0, 0, 0, 0, 1 }, false,
						new SchemaRegistryUnavailableException("connection refused")),
				false);

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(List.of(record)));

		assertThat(failure.getCause()).isInstanceOf(RegistryUnavailable.class);
		assertThat(ProjectionKafkaConfiguration.isRetryable(failure)).isTrue();
	}

	@Test
	void treatsUndecodableBytesAsPermanent() {
		ConsumerRecord<byte[], Object> record = record(0, null);
		SerializationUtils.deserializationException(record.headers(), new byte[] { 7 },
				new DeserializationException("failed", new byte[] { 7 }, false,
						new org.apache.kafka.common.errors.SerializationException("Unknown magic byte")),
				false);

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(List.of(record)));

		assertThat(failure.getCause()).isInstanceOf(DeserializationException.class);
		assertThat(ProjectionKafkaConfiguration.isRetryable(failure)).isFalse();
	}

	private static RevenueProjection.Result applied(List<InvoiceChange> changes) {
		return RevenueProjection.apply(java.util.Map.of(), changes);
	}

	private static ConsumerRecord<byte[], Object> record(long offset, Object value) {
		return new ConsumerRecord<>("invoice-events", 0, offset, new byte[0], value);
	}

	private static Object valid() {
		return InvoiceEvents.created(UUID.randomUUID(), UUID.randomUUID(), 100, "USD", LocalDate.of(2026, 1, 1));
	}

	private static Object invalid() {
		return InvoiceEvents.updated(UUID.randomUUID(), 2, UUID.randomUUID(), -1, "USD",
				io.tally.events.InvoiceStatus.PENDING, LocalDate.of(2026, 1, 1), Instant.now());
	}

}
