package io.tally.events.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory registries behind {@code mock://scope} URLs: one per scope and JVM, so a
 * serializer and a deserializer configured with the same URL share it. For tests only.
 */
public final class MockSchemaRegistry {

	private static final Map<String, SchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

	private MockSchemaRegistry() {
	}

	/** The registry of the scope, created empty on first use. */
	public static SchemaRegistryClient forScope(String scope) {
		return SCOPES.computeIfAbsent(scope, (name) -> new InMemorySchemaRegistry());
	}

	/** Forgets the scope's registry; the next use starts empty. */
	public static void dropScope(String scope) {
		SCOPES.remove(scope);
	}

}
