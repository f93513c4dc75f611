package io.tally.revenue.projection.kafka;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tally.events.registry.SchemaRegistryUnavailableException;
import io.tally.events.serde.AvroSerdeConfig;
import io.tally.events.serde.KafkaAvroDeserializer;
import io.tally.events.testing.InvoiceEvents;
import io.tally.revenue.projection.ProjectionProperties;
import io.tally.revenue.projection.store.BatchApplier;
import io.tally.revenue.projection.store.SourcePositions;
import io.tally.revenue.rules.InvoiceChange;
import io.tally.revenue.rules.RevenueProjection;
import io.tally.support.tracing.TracePropagation;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.SerializationUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
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
		given(this.batches.apply(anyList(), any())).willAnswer((call) -> applied(call.getArgument(0)));

		BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
				() -> this.listener.onEvents(records));

		assertThat(failure.getIndex()).isEqualTo(2);
		assertThat(failure.getCause()).isInstanceOf(InvalidEvent.class);
		verify(this.batches).apply(
				List.of(EventMapper.toChange(records.get(0).value()), EventMapper.toChange(records.get(1).value())),
				new SourcePositions("invoice-events", Map.of(0, 2L)));
	}

	@Test
	void retriesFromTheFirstRecordOnATransientDatabaseFailure() {
		given(this.batches.apply(anyList(), any())).willThrow(new CannotAcquireLockException("lock timeout"));

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
		given(this.batches.apply(anyList(), any())).willAnswer((call) -> {
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
		verify(this.batches, never()).apply(anyList(), any());
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
	void retriesAValidRecordWhileTheRegistryRefusesItsCredentials() throws Exception {
		HttpServer registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		registry.createContext("/", (exchange) -> {
			byte[] body = "{\"error_code\":40101,\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(401, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		registry.start();
		try (RawValueKeepingDeserializer deserializer = new RawValueKeepingDeserializer()) {
			deserializer.configure(Map.of(ErrorHandlingDeserializer.VALUE_DESERIALIZER_CLASS,
					KafkaAvroDeserializer.class, AvroSerdeConfig.SCHEMA_REGISTRY_URL,
					"http://127.0.0.1:" + registry.getAddress().getPort(), AvroSerdeConfig.SPECIFIC_AVRO_READER, true),
					false);
			RecordHeaders headers = new RecordHeaders();
			// a well-formed payload whose schema id the registry will not show us
			Object value = deserializer.deserialize("invoice-events", headers, new byte[] { 0, 0, 0, 0, 1, 2 });
			ConsumerRecord<byte[], Object> record = new ConsumerRecord<>("invoice-events", 0, 0,
					ConsumerRecord.NO_TIMESTAMP, TimestampType.NO_TIMESTAMP_TYPE, 0, 0, new byte[0], value, headers,
					Optional.empty());

			BatchListenerFailedException failure = catchThrowableOfType(BatchListenerFailedException.class,
					() -> this.listener.onEvents(List.of(record)));

			assertThat(failure.getCause()).isInstanceOf(RegistryUnavailable.class).hasMessageContaining("401");
			assertThat(ProjectionKafkaConfiguration.isRetryable(failure)).as("retried, never dead-lettered").isTrue();
		}
		finally {
			registry.stop(0);
		}
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
