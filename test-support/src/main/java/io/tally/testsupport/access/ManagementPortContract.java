package io.tally.testsupport.access;

import org.junit.jupiter.api.Test;

/**
 * The tests every service's actuator must pass (see {@link ManagementPort}); a service's
 * test class implements this interface and names its two ports.
 */
public interface ManagementPortContract {

	/** The service's API and management ports. */
	ManagementPort managementPort();

	@Test
	default void servesNothingOfTheActuatorOnTheApiPort() {
		managementPort().assertNothingOfTheActuatorOnTheApiPort();
	}

	@Test
	default void answersProbesAndMetricsWithoutAToken() {
		managementPort().assertProbesAndMetricsAreAnonymous();
	}

	@Test
	default void showsHealthDetailsToOperatorsOnly() {
		managementPort().assertDetailsOnlyForOperators();
	}

	@Test
	default void refusesAForgedTokenOnTheManagementPort() {
		managementPort().assertInvalidTokensAreRefusedThere();
	}

}
