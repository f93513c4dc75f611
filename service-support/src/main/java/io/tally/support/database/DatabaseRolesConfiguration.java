package io.tally.support.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.api.callback.Callback;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Gives the role the application connects as ({@code spring.datasource.username}) its
 * rights after every Flyway migration, which runs as the schema's owner
 * ({@code spring.flyway.user}): see {@link ApplicationRoleGrants}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass(Callback.class)
public class DatabaseRolesConfiguration {

	@Bean
	Callback applicationRoleGrants(ObjectProvider<DataSource> dataSource) {
		// the role as the database reports it, however the data source was configured
		return new ApplicationRoleGrants(() -> {
			try (Connection connection = dataSource.getObject().getConnection()) {
				return connection.getMetaData().getUserName();
			}
			catch (SQLException ex) {
				throw new CannotGetJdbcConnectionException("Could not connect as the application role", ex);
			}
		});
	}

}
