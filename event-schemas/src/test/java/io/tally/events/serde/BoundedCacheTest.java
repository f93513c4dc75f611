package io.tally.events.serde;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

	@Test
	void loadsEachKeyOnceAndEvictsTheLeastRecentlyUsed() {
		List<String> loads = new ArrayList<>();
		BoundedCache<String, Integer> cache = new BoundedCache<>(2);

		cache.get("a", (key) -> load(loads, key));
		cache.get("b", (key) -> load(loads, key));
		cache.get("a", (key) -> load(loads, key));
		cache.get("c", (key) -> load(loads, key));
		cache.get("a", (key) -> load(loads, key));
		cache.get("b", (key) -> load(loads, key));

		assertThat(loads).containsExactly("a", "b", "c", "b");
		assertThat(cache.size()).isEqualTo(2);
	}

	@Test
	void cachesNothingWhenTheLoaderFails() {
		BoundedCache<String, Integer> cache = new BoundedCache<>(2);

		try {
			cache.get("a", (key) -> {
				throw new IllegalStateException("registry down");
			});
		}
		catch (IllegalStateException expected) {
			// the next call must try again
		}

		assertThat(cache.get("a", (key) -> 1)).isEqualTo(1);
	}

	private static Integer load(List<String> loads, String key) {
		loads.add(key);
		return key.hashCode();
	}

}
