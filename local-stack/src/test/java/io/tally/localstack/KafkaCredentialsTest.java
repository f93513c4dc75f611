package io.tally.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaCredentialsTest {

	@TempDir
	Path state;

	@Test
	void generatesOnePasswordPerPrincipalOnceIntoAnOwnerOnlyFile() throws Exception {
		Path file = this.state.resolve("kafka/credentials.properties");

		KafkaCredentials credentials = KafkaCredentials.loadOrCreate(file);

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(credentials.passwords()).containsOnlyKeys("admin", "invoice-service", "revenue-service",
				"revenue-redrive");
		assertThat(credentials.passwords().values()).allSatisfy((password) -> assertThat(password).hasSize(24))
			.doesNotHaveDuplicates();
		assertThat(KafkaCredentials.loadOrCreate(file)).isEqualTo(credentials);
		assertThatIllegalArgumentException().isThrownBy(() -> credentials.password("mallory"));
	}

	@Test
	void givesEachPrincipalClientSettingsKafkaParses() {
		KafkaCredentials credentials = KafkaCredentials.loadOrCreate(this.state.resolve("credentials.properties"));

		Map<String, String> client = credentials.clientProperties("revenue-service");

		assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "PLAIN");
		assertThat(jaasOptions(client.get("sasl.jaas.config"))).containsEntry("username", "revenue-service")
			.containsEntry("password", credentials.password("revenue-service"));
		assertThat(credentials.springProperties(Service.INVOICE_SERVICE))
			.containsEntry("spring.kafka.security.protocol", "SASL_PLAINTEXT")
			.containsEntry("spring.kafka.properties.sasl.mechanism", "PLAIN")
			.hasEntrySatisfying("spring.kafka.properties.sasl.jaas.config",
					(jaas) -> assertThat(jaas).contains("username=\"invoice-service\""))
			.hasSize(3);
		// the dead-letter re-drive writes the event topic as a principal of its own
		assertThat(credentials.springProperties(Service.REVENUE_SERVICE))
			.hasEntrySatisfying("spring.kafka.properties.sasl.jaas.config",
					(jaas) -> assertThat(jaas).contains("username=\"revenue-service\""))
			.hasEntrySatisfying("tally.dead-letters.redrive-producer.sasl.jaas.config",
					(jaas) -> assertThat(jaas).contains("username=\"revenue-redrive\""));
	}

	@Test
	void letsTheBrokerKnowEveryUserAndSignInAsAdmin() {
		KafkaCredentials credentials = KafkaCredentials.loadOrCreate(this.state.resolve("credentials.properties"));

		Map<String, Object> options = jaasOptions(credentials.brokerJaasConfig());

		assertThat(options).containsEntry("username", "admin")
			.containsEntry("password", credentials.password("admin"))
			.containsEntry("user_admin", credentials.password("admin"))
			.containsEntry("user_invoice-service", credentials.password("invoice-service"))
			.containsEntry("user_revenue-service", credentials.password("revenue-service"))
			.containsEntry("user_revenue-redrive", credentials.password("revenue-redrive"));
	}

	/** The options of a JAAS line as Kafka's own parser reads them. */
	private static Map<String, Object> jaasOptions(String jaas) {
		return new HashMap<>(JaasContext.loadClientContext(Map.of("sasl.jaas.config", new Password(jaas)))
			.configurationEntries()
			.get(0)
			.getOptions());
	}

}
