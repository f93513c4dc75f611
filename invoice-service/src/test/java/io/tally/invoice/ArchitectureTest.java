package io.tally.invoice;

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
		.importPackages("io.tally.invoice");

	@Test
	void domainKnowsNothingOfKafkaAvroOrJdbc() {
		noClasses().that()
			.resideInAPackage("io.tally.invoice.invoice..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "org.apache.avro..",
					"io.tally.events..", "java.sql..", "javax.sql..", "org.springframework.jdbc..",
					"org.springframework.data.jdbc..", "org.postgresql..")
			.because("domain code stays free of wire and storage technology; mapping happens at the edge")
			.check(CLASSES);
	}

	@Test
	void domainKnowsNothingOfHowRequestsAreAuthenticated() {
		noClasses().that()
			.resideInAPackage("io.tally.invoice.invoice..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework.security..")
			.because("the domain asks CurrentActor who makes a change; the web edge answers from the token")
			.check(CLASSES);
	}

	@Test
	void onlyTheOutboxTouchesTheWireFormat() {
		noClasses().that()
			.resideOutsideOfPackage("io.tally.invoice.outbox..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.tally.events..", "org.apache.avro..", "org.apache.kafka..")
			.check(CLASSES);
	}

	@Test
	void webHandlingDoesNotReachIntoTheOutbox() {
		noClasses().that()
			.resideInAPackage("io.tally.invoice.web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.tally.invoice.outbox..")
			.check(CLASSES);
	}

	@Test
	void packagesFormNoCycles() {
		slices().matching("io.tally.(**)")
			.should()
			.beFreeOfCycles()
			.because("the web layer depends on the domain, never the reverse")
			.check(CLASSES);
	}

}
