package dev.regent.projections.replication;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;

/** One real PostgreSQL for the projection tests of this JVM, migrated with the projections' own schema. */
public final class ProjectionDatabase {

    private static JdbcTemplate jdbc;

    private ProjectionDatabase() {
    }

    public static synchronized JdbcTemplate jdbc() {
        if (jdbc == null) {
            try {
                EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        postgres.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
                Flyway.configure().dataSource(postgres.getPostgresDatabase())
                        .locations("classpath:db/regent").load().migrate();
                jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jdbc;
    }
}
