package io.tally.dashboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Boundaries of the module, as rules. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.tally.dashboard");

	@Test
	void featurePackagesHaveNoCycles() {
		slices().matching("io.tally.dashboard.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void onlyTheApiPackageTalksHttpToTheServices() {
		noClasses().that()
			.resideOutsideOfPackages("io.tally.dashboard.api..", "io.tally.dashboard.live..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.web.client..", "java.net.http..")
			.because("the pages use the typed clients; only they (and the stream relay) speak HTTP to the services")
			.check(CLASSES);
	}

	@Test
	void theLiveRelayKnowsNoPage() {
		noClasses().that()
			.resideInAPackage("io.tally.dashboard.live..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tally.dashboard.overview..", "io.tally.dashboard.customers..",
					"io.tally.dashboard.invoices..")
			.check(CLASSES);
	}

}
