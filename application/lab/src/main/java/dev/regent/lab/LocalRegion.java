package dev.regent.lab;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedKafkaBroker;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One region of the local topology: its database and Kafka cluster, which live as long as the topology, and its
 * Regent service instances (one unless asked for more), which share them. The region's service can be stopped and
 * started again as a whole (an outage of the region), or one instance at a time ({@link #instance(int)}: a rolling
 * restart).
 */
public final class LocalRegion {

    private final Region region;
    private final EmbeddedPostgresServer database;
    private final EmbeddedKafkaBroker broker;
    private final List<LocalInstance> instances;

    LocalRegion(Region region, EmbeddedPostgresServer database, EmbeddedKafkaBroker broker,
                List<LocalInstance> instances) {
        this.region = region;
        this.database = database;
        this.broker = broker;
        this.instances = List.copyOf(instances);
    }

    /** Starts every instance: the first alone (it migrates the schema), then the others together. */
    public synchronized void startService() {
        startService(Map.of());
    }

    /**
     * Starts every instance with some settings added or changed, for this run only (a drill, a test): the next
     * {@link #startService()} starts them as configured again.
     */
    public synchronized void startService(Map<String, String> overrides) {
        instances.get(0).startService(overrides);
        CompletableFuture.allOf(instances.stream().skip(1)
                .map(instance -> CompletableFuture.runAsync(() -> instance.startService(overrides)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** Stops every instance: the region is out. */
    public synchronized void stopService() {
        instances.forEach(LocalInstance::stopService);
    }

    /** Whether any instance runs. */
    public synchronized boolean isServiceRunning() {
        return instances.stream().anyMatch(LocalInstance::isServiceRunning);
    }

    /** A bean of a running instance (the first that runs), for tests and diagnostics. */
    public synchronized <T> T bean(Class<T> type) {
        return instances.stream().filter(LocalInstance::isServiceRunning).findFirst()
                .orElseThrow(() -> new IllegalStateException("The service of region " + region + " is not running"))
                .bean(type);
    }

    /**
     * @param number 1 for the first instance
     */
    public LocalInstance instance(int number) {
        if (number < 1 || number > instances.size()) {
            throw new IllegalArgumentException("Region " + region + " has instances 1 to " + instances.size()
                    + ", not " + number);
        }
        return instances.get(number - 1);
    }

    public List<LocalInstance> instances() {
        return instances;
    }

    public Region region() {
        return region;
    }

    public String name() {
        return region.name();
    }

    /** The first instance's public port. */
    public int port() {
        return instances.get(0).port();
    }

    /** The first instance's public URL. */
    public URI url() {
        return instances.get(0).url();
    }

    public EmbeddedPostgresServer database() {
        return database;
    }

    public EmbeddedKafkaBroker broker() {
        return broker;
    }
}
