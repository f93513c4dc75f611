package io.tally.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the report says about the machine: the figures only mean something next to it. */
final class Machine {

	private Machine() {
	}

	static Map<String, Object> describe() {
		Map<String, Object> machine = new LinkedHashMap<>();
		machine.put("cores", Runtime.getRuntime().availableProcessors());
		machine.put("cpu", cpuModel());
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			machine.put("memoryBytes", os.getTotalMemorySize());
		}
		machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		machine.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
				+ System.getProperty("java.vm.vendor") + ")");
		machine.put("harnessJvmOptions", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
		machine.put("harnessMaxHeapBytes", Runtime.getRuntime().maxMemory());
		return machine;
	}

	private static String cpuModel() {
		Path cpuinfo = Path.of("/proc/cpuinfo");
		try {
			if (Files.isReadable(cpuinfo)) {
				return Files.readAllLines(cpuinfo)
					.stream()
					.filter((line) -> line.startsWith("model name"))
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.findFirst()
					.orElse(null);
			}
		}
		catch (IOException ex) {
			// not this kind of system
		}
		return null;
	}

}
