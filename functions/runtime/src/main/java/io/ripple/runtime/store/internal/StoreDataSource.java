package io.ripple.runtime.store.internal;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.ripple.runtime.store.EventStoreException;
import io.ripple.runtime.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Opens the connection pool for {@link StoreSettings} with Agroal, the pool Quarkus uses.
 *
 * <p>Built here from {@code ripple.store.*} at run time rather than declared as a Quarkus
 * datasource, because a Quarkus datasource's database kind is fixed when the application
 * is built, and the same jar must run on SQLite or PostgreSQL depending on its
 * environment (see docs/adr/event-store-chosen-at-run-time.md).
 */
final class StoreDataSource {

    private StoreDataSource() {
    }

    static AgroalDataSource open(StoreSettings settings, SqlDialect dialect) {
        Optional<Path> file = dialect.databaseFile(settings.url());
        if (file.isPresent() && file.get().getParent() != null) {
            try {
                Files.createDirectories(file.get().getParent());
            } catch (IOException e) {
                throw new EventStoreException("cannot create the folder of the event store " + file.get()
                        + ": " + e.getMessage(), e);
            }
        }
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(settings.poolSize())
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        // A database restart must not leave dead connections in the pool: check
                        // a connection idle for a while before handing it out, and drop one that
                        // failed with a fatal (connection-level) error.
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(5))
                        .idleValidationTimeout(Duration.ofSeconds(30))
                        .exceptionSorter(ExceptionSorter.fatalExceptionSorter())
                        .reapTimeout(Duration.ofMinutes(5))
                        .connectionFactoryConfiguration(factory -> {
                            factory.connectionProviderClass(dialect.driver()).jdbcUrl(settings.url());
                            for (Map.Entry<String, String> property : dialect.connectionProperties().entrySet()) {
                                factory.jdbcProperty(property.getKey(), property.getValue());
                            }
                            if (settings.user() != null) {
                                factory.principal(new NamePrincipal(settings.user()));
                            }
                            if (settings.password() != null) {
                                factory.credential(new SimplePassword(settings.password()));
                            }
                            return factory;
                        }));
        try {
            return AgroalDataSource.from(configuration);
        } catch (SQLException e) {
            throw new EventStoreException("cannot open the event store at " + settings.url() + ": " + e.getMessage(),
                    e);
        }
    }
}
