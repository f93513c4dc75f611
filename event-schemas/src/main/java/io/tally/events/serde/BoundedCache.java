package io.tally.events.serde;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A thread-safe least-recently-used map with a fixed capacity. The loader runs under the
 * lock so concurrent misses for one key reach the registry once.
 */
final class BoundedCache<K, V> {

	private final Map<K, V> entries;

	BoundedCache(int capacity) {
		this.entries = new LinkedHashMap<>(16, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized V get(K key, Function<? super K, ? extends V> loader) {
		V value = this.entries.get(key);
		if (value == null) {
			value = loader.apply(key);
			this.entries.put(key, value);
		}
		return value;
	}

	synchronized int size() {
		return this.entries.size();
	}

}
