package io.tally.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The walk down an exception's causes, in one place: the failure itself first, then each
 * cause; a cause that points back into the chain ends the walk.
 */
public final class Causes {

	private Causes() {
	}

	/** The first throwable in the chain of the given type. */
	public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		return chain(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
	}

	/** Whether any throwable in the chain is of one of the given types. */
	@SafeVarargs
	public static boolean anyMatch(Throwable failure, Class<? extends Throwable>... types) {
		return anyMatch(failure, (cause) -> List.of(types).stream().anyMatch((type) -> type.isInstance(cause)));
	}

	/** Whether any throwable in the chain passes the test. */
	public static boolean anyMatch(Throwable failure, Predicate<? super Throwable> test) {
		return chain(failure).stream().anyMatch(test);
	}

	/** The last throwable of the chain: the one that started it all. */
	public static Throwable root(Throwable failure) {
		List<Throwable> chain = chain(failure);
		return chain.isEmpty() ? null : chain.get(chain.size() - 1);
	}

	private static List<Throwable> chain(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

}
