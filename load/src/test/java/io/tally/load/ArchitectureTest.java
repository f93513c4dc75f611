package io.tally.load;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Boundaries of the harness, as rules. */
class ArchitectureTest {

	private static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.tally.load");

	@Test
	void packagesHaveNoCycles() {
		slices().matching("io.tally.load.(*)..").should().beFreeOfCycles().check(CLASSES);
	}

	@Test
	void onlyTheReferenceFigureTalksToTheDatabase() {
		noClasses().that()
			.resideOutsideOfPackage("io.tally.load.reference..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.sql..", "org.postgresql..")
			.check(CLASSES);
	}

	@Test
	void onlyTheBulkPathTalksToKafka() {
		noClasses().that()
			.resideOutsideOfPackage("io.tally.load.bulk..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "io.tally.events..")
			.check(CLASSES);
	}

	@Test
	void requestsGoThroughTheHarnessClientNotTheJdks() {
		// java.net.http costs more CPU per request than the harness can spare (module
		// README); only the rare token request uses it
		noClasses().that()
			.doNotHaveSimpleName("ClientCredentials")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("java.net.http..")
			.check(CLASSES);
	}

}
