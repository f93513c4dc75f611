package io.tally.support;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** Package structure of the shared service code, as rules. */
@AnalyzeClasses(packages = "io.tally.support", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule packagesFormNoCycles = slices().matching("io.tally.(**)")
		.should()
		.beFreeOfCycles()
		.because("a package depends on another only if that one does not depend back");

	@ArchTest
	static final ArchRule validationIsPlainJava = noClasses().that()
		.resideInAPackage("io.tally.support.validation..")
		.should()
		.dependOnClassesThat()
		.resideOutsideOfPackages("java..", "io.tally.support.validation..")
		.because("domain code raises these, and domain code knows no web framework");

}
