package io.tally.support.database;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The {@link SchemaOwner} of a service with a database: Flyway's user and password on
 * Flyway's URL or the data source's, else (one role for both) the application's data
 * source.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(DriverManagerDataSource.class)
@ConditionalOnBean(DataSource.class)
public class SchemaOwnerConfiguration {

	@Bean
	SchemaOwner schemaOwner(Environment environment, DataSource dataSource) {
		String owner = environment.getProperty("spring.flyway.user");
		if (owner == null || owner.isBlank()) {
			return new SchemaOwner(dataSource);
		}
		String url = environment.getProperty("spring.flyway.url", environment.getProperty("spring.datasource.url"));
		return new SchemaOwner(
				new DriverManagerDataSource(url, owner, environment.getProperty("spring.flyway.password", "")));
	}

}
