package io.tally.load.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresTargetTest {

	@Test
	void splitsAJdbcUrlIntoWhatPgbenchNeeds() {
		PostgresTarget target = PostgresTarget
			.parse("jdbc:postgresql://db.internal:6543/invoices?user=tally&password=p%40ss");
		assertThat(target.host()).isEqualTo("db.internal");
		assertThat(target.port()).isEqualTo(6543);
		assertThat(target.database()).isEqualTo("invoices");
		assertThat(target.user()).isEqualTo("tally");
		assertThat(target.password()).isEqualTo("p@ss");
		assertThat(target.toString()).doesNotContain("p@ss").contains("db.internal:6543/invoices");
	}

	@Test
	void defaultsThePort() {
		assertThat(PostgresTarget.parse("jdbc:postgresql://localhost/invoices").port()).isEqualTo(5432);
	}

	@Test
	void refusesWhatItCannotDrive() {
		assertThatThrownBy(() -> PostgresTarget.parse("jdbc:mysql://localhost/invoices"))
			.hasMessageContaining("jdbc:postgresql://");
		assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://a:5432,b:5432/invoices"))
			.hasMessageContaining("Only one host");
		assertThatThrownBy(() -> PostgresTarget.parse("jdbc:postgresql://localhost:5432/"))
			.hasMessageContaining("No database");
	}

}
