package io.tally.events.serde;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * The serde's parsed configuration.
 */
record SerdeSettings(boolean isKey, boolean autoRegister, boolean useLatestVersion,
		SubjectNameStrategy subjectNameStrategy, boolean specificReader, int cacheCapacity) {

	static SerdeSettings from(Map<String, ?> config, boolean isKey) {
		String strategyKey = isKey ? AvroSerdeConfig.KEY_SUBJECT_NAME_STRATEGY
				: AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY;
		return new SerdeSettings(isKey, bool(config, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, true),
				bool(config, AvroSerdeConfig.USE_LATEST_VERSION, false),
				SubjectNameStrategies.resolve(strategyKey, config.get(strategyKey)),
				bool(config, AvroSerdeConfig.SPECIFIC_AVRO_READER, false),
				positiveInt(config, AvroSerdeConfig.MAX_SCHEMAS_PER_SUBJECT, 1000));
	}

	private static boolean bool(Map<String, ?> config, String key, boolean defaultValue) {
		Object value = config.get(key);
		if (value == null) {
			return defaultValue;
		}
		if (value instanceof Boolean b) {
			return b;
		}
		String text = value.toString().trim();
		if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
			return Boolean.parseBoolean(text);
		}
		throw new ConfigException(key, value, "expected true or false");
	}

	private static int positiveInt(Map<String, ?> config, String key, int defaultValue) {
		Object value = config.get(key);
		if (value == null) {
			return defaultValue;
		}
		try {
			int number = Integer.parseInt(value.toString().trim());
			if (number > 0) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new ConfigException(key, value, "expected a positive integer");
	}

}
