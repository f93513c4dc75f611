package io.tally.events.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves a configured strategy: our classes, Confluent's class names as aliases, or any
 * {@link SubjectNameStrategy} class.
 */
final class SubjectNameStrategies {

	private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";

	private static final Map<String, Class<? extends SubjectNameStrategy>> ALIASES = Map.of(
			CONFLUENT_PACKAGE + "TopicNameStrategy", TopicNameStrategy.class, CONFLUENT_PACKAGE + "RecordNameStrategy",
			RecordNameStrategy.class, CONFLUENT_PACKAGE + "TopicRecordNameStrategy", TopicRecordNameStrategy.class);

	private SubjectNameStrategies() {
	}

	static SubjectNameStrategy resolve(String key, Object configured) {
		if (configured == null) {
			return new TopicNameStrategy();
		}
		if (configured instanceof SubjectNameStrategy strategy) {
			return strategy;
		}
		Class<?> type = (configured instanceof Class<?> c) ? c : classNamed(key, configured.toString().trim());
		if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
			throw new ConfigException(key, configured, "not a " + SubjectNameStrategy.class.getName());
		}
		try {
			return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
		}
		catch (ReflectiveOperationException ex) {
			throw new ConfigException(key, configured, "cannot instantiate: " + rootMessage(ex));
		}
	}

	private static Class<?> classNamed(String key, String name) {
		Class<? extends SubjectNameStrategy> alias = ALIASES.get(name);
		if (alias != null) {
			return alias;
		}
		try {
			return Class.forName(name, true, SubjectNameStrategies.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new ConfigException(key, name, "unknown subject name strategy");
		}
	}

	private static String rootMessage(ReflectiveOperationException ex) {
		Throwable cause = (ex instanceof InvocationTargetException ite) ? ite.getCause() : ex;
		return String.valueOf(cause);
	}

}
