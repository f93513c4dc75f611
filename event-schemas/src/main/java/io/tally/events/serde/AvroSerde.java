package io.tally.events.serde;

import java.util.Map;
import java.util.function.BiFunction;

import io.tally.events.registry.SchemaRegistryClient;
import io.tally.events.registry.SchemaRegistryClients;
import org.apache.kafka.common.errors.SerializationException;

/**
 * What the serializer and the deserializer share: the registry client (given, or made
 * from {@code schema.registry.url}), the settings, and the state {@code configure}
 * derives from them, swapped in as one unit.
 *
 * @param <S> the state of one configuration: settings, client and caches
 */
abstract class AvroSerde<S> {

	private final SchemaRegistryClient providedClient;

	private final BiFunction<SerdeSettings, SchemaRegistryClient, S> newState;

	private volatile S state;

	AvroSerde(SchemaRegistryClient providedClient, BiFunction<SerdeSettings, SchemaRegistryClient, S> newState) {
		this.providedClient = providedClient;
		this.newState = newState;
	}

	public void configure(Map<String, ?> configs, boolean isKey) {
		SchemaRegistryClient client = (this.providedClient != null) ? this.providedClient
				: SchemaRegistryClients.fromConfig(configs);
		this.state = this.newState.apply(SerdeSettings.from(configs, isKey), client);
	}

	/**
	 * The configured state, or a clear error when {@link #configure} was never called.
	 */
	final S state(String topic) {
		S current = this.state;
		if (current == null) {
			throw new SerializationException(
					getClass().getSimpleName() + " used before configure() for topic " + topic);
		}
		return current;
	}

	public void close() {
		// the registry client holds no resources worth releasing; mock registries are
		// shared
	}

}
