package dev.regent.lab;

import dev.regent.domain.ownership.Region;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Regent service process of a region (here a Spring context in the lab's JVM), with its own public and peer
 * ports; it can be stopped and started again while the region's other instances keep serving.
 */
public final class LocalInstance {

    private final Region region;
    private final int number;
    private final int port;
    private final int peerPort;
    private final Map<String, String> serviceProperties;
    private final Class<?> application;
    private ConfigurableApplicationContext service;

    LocalInstance(Region region, int number, int port, int peerPort, Map<String, String> serviceProperties,
                  Class<?> application) {
        this.region = region;
        this.number = number;
        this.port = port;
        this.peerPort = peerPort;
        this.serviceProperties = Map.copyOf(serviceProperties);
        this.application = application;
    }

    public synchronized void startService() {
        startService(Map.of());
    }

    /** Starts the service with some settings added or changed, for this run only (a drill, a test). */
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

    /** A graceful stop: requests under way are answered, then its listeners close. */
    public synchronized void stopService() {
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /**
     * As near a hard kill as a JVM shared with others allows: its database connections are closed first, so it cannot
     * release anything on the way out — its processors' segment claims, its leases and its membership row stay as they
     * were, for the region's other instances to take over when they expire — and then it stops.
     */
    public synchronized void kill() {
        if (service == null) {
            return;
        }
        if (service.getBean(DataSource.class) instanceof Closeable pool) {
            try {
                pool.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        service.close();
        service = null;
    }

    public synchronized boolean isServiceRunning() {
        return service != null && service.isActive();
    }

    /** A bean of the running service, for tests and diagnostics. */
    public synchronized <T> T bean(Class<T> type) {
        if (service == null) {
            throw new IllegalStateException("The service of " + name() + " is not running");
        }
        return service.getBean(type);
    }

    public Region region() {
        return region;
    }

    /** 1 for the region's first instance. */
    public int number() {
        return number;
    }

    /** {@code eu-2}: the region and the instance's number, also its {@code regent.instance-name}. */
    public String name() {
        return region.name() + "-" + number;
    }

    public int port() {
        return port;
    }

    public URI url() {
        return URI.create("http://localhost:" + port);
    }

    /** Its peer listener (mutual TLS, {@code /internal/**} only), one of the region's {@code regent.regions} URLs. */
    public int peerPort() {
        return peerPort;
    }
}
