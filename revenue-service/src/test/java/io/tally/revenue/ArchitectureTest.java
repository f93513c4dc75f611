package io.tally.revenue;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "io.tally.revenue", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

	@ArchTest
	static final ArchRule revenueRulesKnowNothingOfKafkaJdbcAvroOrSpring = noClasses().that()
		.resideInAPackage("io.tally.revenue.rules..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "java.sql..", "javax.sql..", "org.springframework..",
				"org.apache.avro..", "io.tally.events..", "jakarta.servlet..", "tools.jackson..",
				"com.fasterxml.jackson..")
		.because("the revenue rules are plain domain logic; the wire and the database live at the edges");

	@ArchTest
	static final ArchRule onlyTheKafkaAdaptersKnowTheWireEvents = noClasses().that()
		.resideOutsideOfPackages("io.tally.revenue.projection.kafka..", "io.tally.revenue.deadletter.kafka..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.tally.events..", "org.apache.kafka..", "org.springframework.kafka..")
		.because("mapping from the wire happens at the edges: the projection's adapter and the dead-letter topic's");

	@ArchTest
	static final ArchRule theDeadLetterToolsStayOutOfTheProjection = noClasses().that()
		.resideInAPackage("io.tally.revenue.deadletter..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("io.tally.revenue.projection.kafka..", "io.tally.revenue.projection.store..",
				"io.tally.revenue.rules..")
		.because("dead letters go back through the topic, never around the projection");

	@ArchTest
	static final ArchRule theStoreKnowsNothingOfKafka = noClasses().that()
		.resideInAPackage("io.tally.revenue.projection.store..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.kafka..", "io.tally.revenue.projection.kafka..")
		.because("the store applies changes; where they came from is the Kafka adapter's business");

	@ArchTest
	static final ArchRule readSideDoesNotReachIntoTheProjection = noClasses().that()
		.resideInAnyPackage("io.tally.revenue.revenue..", "io.tally.revenue.web..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("io.tally.revenue.projection..");

	@ArchTest
	static final ArchRule packagesFormNoCycles = slices().matching("io.tally.(**)")
		.should()
		.beFreeOfCycles()
		.because("a package depends on another only if that one does not depend back");

}
