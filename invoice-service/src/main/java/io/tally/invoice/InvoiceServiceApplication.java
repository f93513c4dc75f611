package io.tally.invoice;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * Entry point of invoice-service: invoice REST API plus the transactional outbox and its
 * relay to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InvoiceServiceApplication {

	static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

	public static void main(String[] args) {
		// Avro 1.12 only instantiates generated classes from trusted packages.
		if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
			System.setProperty(AVRO_TRUSTED_PACKAGES, "io.tally.events");
		}
		SpringApplication.run(InvoiceServiceApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
