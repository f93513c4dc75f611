package io.tally.systemtests.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Container memory limits against the JVM inside: the heap is a percentage of the limit
 * (the root Dockerfile's {@code -XX:MaxRAMPercentage}), and what the JVM needs beside the
 * heap was measured under load (figures in the root Dockerfile).
 */
final class JvmSizing {

	/**
	 * RSS minus committed heap, the larger of the two services, under a minute of writes.
	 */
	static final long MEASURED_NON_HEAP_MIB = 245;

	/** Four times the largest live heap measured after a full GC (45 MiB). */
	static final long MIN_HEAP_MIB = 180;

	private JvmSizing() {
	}

	static int maxRamPercentage() {
		Matcher flag = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(ProjectFiles.read("Dockerfile"));
		assertThat(flag.find()).as("-XX:MaxRAMPercentage in the Dockerfile").isTrue();
		return Integer.parseInt(flag.group(1));
	}

	/**
	 * Fails unless a container limited to {@code limit} has room for the heap and the
	 * rest.
	 */
	static void assertHeapFits(String container, String limit) {
		long limitMib = mebibytes(limit);
		long heapMib = limitMib * maxRamPercentage() / 100;
		assertThat(heapMib).as("heap of %s (%d %% of %s)", container, maxRamPercentage(), limit)
			.isGreaterThanOrEqualTo(MIN_HEAP_MIB);
		assertThat(limitMib - heapMib).as("room beside the heap in %s (limit %s)", container, limit)
			.isGreaterThanOrEqualTo(MEASURED_NON_HEAP_MIB * 5 / 4);
	}

	/** {@code 640Mi} (Kubernetes) or {@code 640M} (Docker, binary units) in MiB. */
	static long mebibytes(String quantity) {
		Matcher matcher = Pattern.compile("(\\d+)\\s*(Mi|M|m|Gi|G|g)").matcher(quantity.strip());
		assertThat(matcher.matches()).as("memory quantity %s", quantity).isTrue();
		long value = Long.parseLong(matcher.group(1));
		return matcher.group(2).toLowerCase().startsWith("g") ? value * 1024 : value;
	}

}
