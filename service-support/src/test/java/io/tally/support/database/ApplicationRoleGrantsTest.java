package io.tally.support.database;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The statements that give the application role rows and nothing more. */
class ApplicationRoleGrantsTest {

	@Test
	void grantsRowsAndSequencesNowAndForLaterTablesButNotTheHistory() {
		assertThat(ApplicationRoleGrants.statements("\"public\"", "\"invoices_app\"",
				"\"public\".\"flyway_schema_history\""))
			.containsExactly("REVOKE CREATE ON SCHEMA \"public\" FROM PUBLIC",
					"GRANT USAGE ON SCHEMA \"public\" TO \"invoices_app\"",
					"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"public\" TO \"invoices_app\"",
					"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \"public\" TO \"invoices_app\"",
					"ALTER DEFAULT PRIVILEGES IN SCHEMA \"public\" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO \"invoices_app\"",
					"ALTER DEFAULT PRIVILEGES IN SCHEMA \"public\" GRANT USAGE, SELECT ON SEQUENCES TO \"invoices_app\"",
					"REVOKE ALL ON TABLE \"public\".\"flyway_schema_history\" FROM \"invoices_app\"");
	}

	@Test
	void quotesIdentifiersSoThatNoNameBecomesSql() {
		assertThat(ApplicationRoleGrants.quote("app\"; DROP TABLE invoice; --"))
			.isEqualTo("\"app\"\"; DROP TABLE invoice; --\"");
	}

}
