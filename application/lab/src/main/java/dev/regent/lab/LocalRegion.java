package dev.regent.lab;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedKafkaBroker;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region of the local topology: its database and Kafka cluster, which live as long as the topology, and its
 * Regent service, which can be stopped and started again (an outage of the region's service).
 */
public final class LocalRegion {

    private final Region region;
    private final int port;
    private final EmbeddedPostgresServer database;
    private final EmbeddedKafkaBroker broker;
    private final Map<String, String> serviceProperties;
    private final Class<?> application;
    private ConfigurableApplicationContext service;

    LocalRegion(Region region, int port, EmbeddedPostgresServer database, EmbeddedKafkaBroker broker,
                Map<String, String> serviceProperties, Class<?> application) {
        this.region = region;
        this.port = port;
        this.database = database;
        this.broker = broker;
        this.serviceProperties = Map.copyOf(serviceProperties);
        this.application = application;
    }

    public synchronized void startService() {
        startService(Map.of());
    }

    /**
     * Starts the service with some settings added or changed, for this run only (a drill, a test): the next
     * {@link #startService()} starts it as configured again.
     */
    public synchronized void startService(Map<String, String> overrides) {
        if (service != null) {
            return;
        }
        Map<String, String> properties = new LinkedHashMap<>(serviceProperties);
        properties.putAll(overrides);
        List<String> args = new ArrayList<>();
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        service = new SpringApplicationBuilder(application)
                .registerShutdownHook(false)
                .run(args.toArray(String[]::new));
    }

    public synchronized void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    public synchronized boolean isServiceRunning() {
        return service != null && service.isActive();
    }

    /** A bean of the running service, for tests and diagnostics. */
    public synchronized <T> T bean(Class<T> type) {
        if (service == null) {
            throw new IllegalStateException("The service of region " + region + " is not running");
        }
        return service.getBean(type);
    }

    public Region region() {
        return region;
    }

    public String name() {
        return region.name();
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://localhost:" + port);
    }

    public EmbeddedPostgresServer database() {
        return database;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }
}
