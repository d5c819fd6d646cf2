package io.engram.runstore.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the run store, configuration PID {@code io.engram.runstore}. */
@ObjectClassDefinition(name = "Engram run store", description = "Where job records, their events and metric "
        + "series are kept: an H2 database file under a directory, or a PostgreSQL database given by JDBC URL.")
public @interface RunStoreConfiguration {

    @AttributeDefinition(name = "url", description = "JDBC URL of a PostgreSQL database (jdbc:postgresql://HOST:PORT/DB) "
            + "or of an H2 database (jdbc:h2:...); empty: the H2 file runs.mv.db in dir, shared by every process using it.")
    String url() default "";

    @AttributeDefinition(name = "user", description = "Database user; empty: the URL's or none.")
    String user() default "";

    @AttributeDefinition(name = "password", description = "The user's password; empty: the URL's or none.",
            type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "dir", description = "Directory of the H2 file when url is empty.")
    String dir() default "data";
}
