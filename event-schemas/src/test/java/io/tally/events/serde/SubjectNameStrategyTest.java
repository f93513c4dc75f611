package io.tally.events.serde;

import java.util.Map;

import io.tally.events.InvoicePaid;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectNameStrategyTest {

	@ParameterizedTest
	@CsvSource({ "io.tally.events.serde.TopicNameStrategy, invoice-events-value",
			"io.confluent.kafka.serializers.subject.TopicNameStrategy, invoice-events-value",
			"io.tally.events.serde.RecordNameStrategy, io.tally.events.InvoicePaid",
			"io.confluent.kafka.serializers.subject.RecordNameStrategy, io.tally.events.InvoicePaid",
			"io.tally.events.serde.TopicRecordNameStrategy, invoice-events-io.tally.events.InvoicePaid",
			"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, invoice-events-io.tally.events.InvoicePaid" })
	void namesSubjectsLikeConfluent(String strategy, String subject) {
		SerdeSettings settings = SerdeSettings.from(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, strategy),
				false);

		assertThat(settings.subjectNameStrategy().subjectName("invoice-events", false, InvoicePaid.getClassSchema()))
			.isEqualTo(subject);
	}

	@Test
	void defaultsToTopicNameAndHonoursTheKeyStrategyForKeys() {
		assertThat(SerdeSettings.from(Map.of(), true).subjectNameStrategy().subjectName("t", true, null))
			.isEqualTo("t-key");
		SerdeSettings keys = SerdeSettings.from(Map.of(AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY,
				RecordNameStrategy.class, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "nonsense"), true);
		assertThat(keys.subjectNameStrategy().subjectName("t", true, InvoicePaid.getClassSchema()))
			.isEqualTo("io.tally.events.InvoicePaid");
	}

	@Test
	void rejectsUnknownStrategiesAndBadValues() {
		assertThatThrownBy(
				() -> SerdeSettings.from(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "no.Such"), false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("no.Such");
		assertThatThrownBy(
				() -> SerdeSettings.from(Map.of(AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, String.class), false))
			.isInstanceOf(ConfigException.class);
		assertThatThrownBy(() -> SerdeSettings.from(Map.of(AvroSerdeConfig.SPECIFIC_AVRO_READER, "yes"), false))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining(AvroSerdeConfig.SPECIFIC_AVRO_READER);
	}

	@Test
	void readsBooleanKeysFromStringsAndBooleans() {
		SerdeSettings settings = SerdeSettings.from(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false",
				AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.SPECIFIC_AVRO_READER, "TRUE"), false);

		assertThat(settings.autoRegister()).isFalse();
		assertThat(settings.useLatestVersion()).isTrue();
		assertThat(settings.specificReader()).isTrue();
	}

}
