package io.tally.dashboard;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No secret has a default: without one the dashboard does not start, and says which. */
class MissingSecretTest {

	@Test
	void refusesToStartWithoutTheClientSecretAndNamesTheSetting() {
		assertThatThrownBy(() -> SpringApplication.run(DashboardApplication.class, "--server.port=0",
				"--management.server.port=0", "--tally.dashboard.live.enabled=false",
				"--tally.dashboard.identity.stream-client-secret=test-only"))
			.rootCause()
			.hasMessageContaining("tally.dashboard.identity.client-secret")
			.hasMessageContaining("TALLY_DASHBOARD_IDENTITY_CLIENT_SECRET");
	}

}
