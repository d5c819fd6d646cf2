package io.engram.runstore.internal;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The data source of the run store's settings, built from the drivers' own {@link DataSource}
 * classes (no {@code DriverManager}, which does not see drivers installed as bundles). Without a
 * URL it is the H2 file {@code runs} in {@code dir}, in H2's automatic mixed mode
 * ({@code AUTO_SERVER=TRUE}): the first process to open it serves it to the others, so an
 * {@code engram run} and an {@code engram serve} share it at once. Stateless.
 */
final class Databases {

    /** The file name of the default H2 database, without H2's {@code .mv.db}. */
    static final String FILE = "runs";

    private Databases() {
    }

    /**
     * Makes H2's server for the other processes sharing a database file (automatic mixed mode) listen
     * on, and advertise in the file's lock, the loopback address only, unless the system property
     * {@code h2.bindAddress} says otherwise: the processes that share a file run on one machine. Must
     * run before H2 reads its settings, the first time a database is opened.
     */
    static void loopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /** The JDBC URL the settings name: {@code url}, or the default H2 file under {@code dir}. */
    static String url(RunStoreConfiguration config) {
        String url = config.url().strip();
        if (!url.isEmpty()) {
            return url;
        }
        Path file = Path.of(config.dir()).toAbsolutePath().normalize().resolve(FILE);
        return "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0";
    }

    /** A data source for {@code url}, with the user and password when given. */
    static DataSource of(String url, String user, String password) {
        switch (Dialect.of(url)) {
            case H2: {
                JdbcDataSource ds = new JdbcDataSource();
                ds.setURL(url);
                if (!user.isEmpty()) {
                    ds.setUser(user);
                }
                if (!password.isEmpty()) {
                    ds.setPassword(password);
                }
                return ds;
            }
            default: {
                PGSimpleDataSource ds = new PGSimpleDataSource();
                ds.setURL(url);
                if (!user.isEmpty()) {
                    ds.setUser(user);
                }
                if (!password.isEmpty()) {
                    ds.setPassword(password);
                }
                return ds;
            }
        }
    }

    /** {@code url} without a password it may carry, for messages. */
    static String safe(String url) {
        return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
    }
}
