package dev.regent.infrastructure.postgres;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Regent's own tables, migrated from {@code classpath:db/regent} (each platform module keeps its scripts in a folder
 * of its own there) with their own version sequence and history table, {@code regent_schema_history}: before the
 * application's migrations ({@code db/migration}, Spring Boot's Flyway), which never need to know Regent's numbers.
 * A database whose platform tables were migrated into the application's history (Regent 0.1) is baselined at the
 * newest platform version found there.
 */
public final class RegentSchema implements FlywayMigrationStrategy {

    public static final String LOCATION = "classpath:db/regent";
    public static final String HISTORY = "regent_schema_history";
    private static final String LEGACY_HISTORY = "flyway_schema_history";
    private static final Logger log = LoggerFactory.getLogger(RegentSchema.class);

    private final DataSource dataSource;

    public RegentSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Regent's migrations, then the application's. */
    @Override
    public void migrate(Flyway application) {
        migrate(dataSource);
        application.migrate();
    }

    public static void migrate(DataSource dataSource) {
        Flyway platform = Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY)
                .load();
        legacyBaseline(dataSource, platform).ifPresent(version -> {
            log.info("Regent's tables were migrated into {} up to {}: baselining {} there", LEGACY_HISTORY,
                    version, HISTORY);
            Flyway.configure().dataSource(dataSource).locations(LOCATION).table(HISTORY).baselineVersion(version)
                    .baselineDescription("Regent 0.1 migrations, recorded in " + LEGACY_HISTORY).load().baseline();
        });
        platform.migrate();
    }

    private static Optional<MigrationVersion> legacyBaseline(DataSource dataSource, Flyway platform) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        boolean fresh = Boolean.FALSE.equals(jdbc.queryForObject("select to_regclass(?) is not null",
                Boolean.class, HISTORY));
        boolean legacy = Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null",
                Boolean.class, LEGACY_HISTORY));
        if (!fresh || !legacy) {
            return Optional.empty();
        }
        List<String> applied = jdbc.queryForList("select version from " + LEGACY_HISTORY
                + " where success and version is not null", String.class);
        return Arrays.stream(platform.info().all()).map(MigrationInfo::getVersion)
                .filter(version -> applied.contains(version.getVersion()))
                .max(Comparator.naturalOrder());
    }
}
