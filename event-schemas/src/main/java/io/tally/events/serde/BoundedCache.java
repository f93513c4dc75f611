package io.tally.events.serde;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A thread-safe cache with a fixed capacity whose lookups take no lock: a hit is a read
 * of a concurrent map. A miss is loaded on the caller's thread outside any lock, so a
 * slow load (a registry that does not answer) holds up neither hits nor loads of other
 * keys; concurrent misses of the same key wait for the one load in flight, so the
 * registry is still asked once. A failed load caches nothing.
 */
final class BoundedCache<K, V> {

	private final AsyncCache<K, V> entries;

	BoundedCache(int capacity) {
		// evictions run on the caller's thread: no pool thread is needed
		this.entries = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).buildAsync();
	}

	V get(K key, Function<? super K, ? extends V> loader) {
		CompletableFuture<V> known = this.entries.getIfPresent(key);
		if (known == null) {
			CompletableFuture<V> mine = new CompletableFuture<>();
			known = this.entries.asMap().putIfAbsent(key, mine);
			if (known == null) {
				return load(key, mine, loader);
			}
		}
		return join(known);
	}

	/** The value of a finished load of the key, or null; never loads, never waits. */
	V getIfLoaded(K key) {
		CompletableFuture<V> known = this.entries.getIfPresent(key);
		return (known != null && known.isDone() && !known.isCompletedExceptionally()) ? known.join() : null;
	}

	long size() {
		this.entries.synchronous().cleanUp();
		return this.entries.synchronous().estimatedSize();
	}

	private V load(K key, CompletableFuture<V> mine, Function<? super K, ? extends V> loader) {
		V value;
		try {
			value = loader.apply(key);
		}
		catch (RuntimeException | Error ex) {
			this.entries.asMap().remove(key, mine);
			mine.completeExceptionally(ex);
			throw ex;
		}
		mine.complete(value);
		return value;
	}

	private static <V> V join(CompletableFuture<V> load) {
		try {
			return load.join();
		}
		catch (CompletionException ex) {
			// the other thread's load failed: fail the same way
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

}
