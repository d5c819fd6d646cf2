package io.engram.runstore.internal;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates the run store's tables and brings them up to date with Flyway, from the migrations of the
 * database's {@link Dialect} in this bundle ({@code db/migration/h2}, {@code db/migration/postgresql}).
 * Flyway is embedded in this bundle and given its class loader, so it finds the migrations and its
 * database plugins there. Several processes starting at once are safe: Flyway locks its history
 * table while it migrates. Stateless.
 */
final class Schema {

    private Schema() {
    }

    /** Applies the migrations not yet applied; returns how many were. */
    static int migrate(DataSource ds, Dialect dialect) {
        MigrateResult result = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(ds)
                .locations("classpath:db/migration/" + dialect.migrations)
                .table("engram_schema_history")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }
}
