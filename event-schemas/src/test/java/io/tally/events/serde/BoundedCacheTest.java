package io.tally.events.serde;

import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedCacheTest {

	@Test
	void loadsEachKeyOnceAndStaysWithinItsCapacity() {
		List<String> loads = new ArrayList<>();
		BoundedCache<String, Integer> cache = new BoundedCache<>(2);

		cache.get("a", (key) -> load(loads, key));
		cache.get("b", (key) -> load(loads, key));
		cache.get("a", (key) -> load(loads, key));
		cache.get("b", (key) -> load(loads, key));
		assertThat(loads).containsExactly("a", "b");

		for (int i = 0; i < 100; i++) {
			cache.get("k" + i, (key) -> load(loads, key));
		}
		assertThat(cache.size()).isLessThanOrEqualTo(2);
	}

	@Test
	void answersFromLoadedValuesOnlyWhenAskedNotToLoad() {
		BoundedCache<String, Integer> cache = new BoundedCache<>(2);

		assertThat(cache.getIfLoaded("a")).isNull();
		cache.get("a", (key) -> 1);
		assertThat(cache.getIfLoaded("a")).isEqualTo(1);
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

	@Test
	void aSlowLoadBlocksNeitherOtherKeysNorReadersOfLoadedOnes() throws Exception {
		BoundedCache<String, Integer> cache = new BoundedCache<>(10);
		cache.get("loaded", (key) -> 1);
		CountDownLatch loading = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			// a load that hangs, like a registry that accepts and never answers
			Future<Integer> slow = threads.submit(() -> cache.get("slow", (key) -> {
				loading.countDown();
				await(release);
				return 2;
			}));
			assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();

			Future<Integer> others = threads
				.submit(() -> cache.get("loaded", (key) -> -1) + cache.get("other", (key) -> 3));

			assertThat(others).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(4);
			assertThat(slow).isNotDone();
			release.countDown();
			assertThat(slow).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(2);
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Integer load(List<String> loads, String key) {
		loads.add(key);
		return key.hashCode();
	}

}
