package io.tally.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Package structure of the event contract, as a rule. */
@AnalyzeClasses(packages = "io.tally.events", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule packagesFormNoCycles = slices().matching("io.tally.(**)")
		.should()
		.beFreeOfCycles()
		.because("a package depends on another only if that one does not depend back");

}
