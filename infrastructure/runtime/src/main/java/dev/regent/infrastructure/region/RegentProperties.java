package dev.regent.infrastructure.region;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Region;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code regent.*}: the service's own region, every region's base URL (for routing commands to owners), and the
 * jurisdiction map used by HOME ownership. Every region must be configured with the same regions and jurisdictions.
 */
@ConfigurationProperties("regent")
public class RegentProperties {

    /** This service's region. */
    private String region;
    /** Base URL of every region's service, this one included, e.g. {@code eu: http://localhost:8081}. */
    private Map<String, URI> regions = new LinkedHashMap<>();
    /** Region name &rarr; ISO country codes it is home for. */
    private Map<String, List<String>> jurisdictions = new LinkedHashMap<>();
    /**
     * Packages scanned for aggregates that declare an ownership rule; empty (the default): the application's own
     * packages (those of its {@code @SpringBootApplication}).
     */
    private List<String> aggregatePackages = List.of();
    /** Aggregates of each type the owner keeps in memory between commands (0: none, every command replays). */
    private int aggregateCacheSize = 10_000;
    private final Routing routing = new Routing();
    private final Kafka kafka = new Kafka();
    private final Events events = new Events();
    private final Deadlines deadlines = new Deadlines();
    private final Residency residency = new Residency();
    private final Failover failover = new Failover();

    public Region localRegion() {
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("regent.region is not set: which region is this service?");
        }
        Region local = Region.of(region);
        if (!regions.containsKey(local.name())) {
            throw new IllegalStateException("regent.region=" + local + " is not among regent.regions " + regions.keySet());
        }
        return local;
    }

    public Set<Region> allRegions() {
        return regions.keySet().stream().map(Region::of).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * @throws IllegalArgumentException when {@code name} is not one of the configured regions
     */
    public Region knownRegion(String name) {
        Region region = Region.of(name);
        if (!allRegions().contains(region)) {
            throw new IllegalArgumentException("Unknown region '" + name + "' (regions: " + allRegions() + ")");
        }
        return region;
    }

    public URI urlOf(Region target) {
        URI url = regions.get(target.name());
        if (url == null) {
            throw new IllegalStateException("No URL configured for region " + target + " (regent.regions." + target + ")");
        }
        return url;
    }

    public JurisdictionMap jurisdictionMap() {
        Map<Region, List<String>> byRegion = new LinkedHashMap<>();
        jurisdictions.forEach((name, codes) -> {
            if (!regions.containsKey(name)) {
                throw new IllegalStateException("regent.jurisdictions." + name + " names a region missing from "
                        + "regent.regions " + regions.keySet());
            }
            byRegion.put(Region.of(name), codes);
        });
        return JurisdictionMap.of(byRegion);
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public Map<String, URI> getRegions() {
        return regions;
    }

    public void setRegions(Map<String, URI> regions) {
        this.regions = regions;
    }

    public Map<String, List<String>> getJurisdictions() {
        return jurisdictions;
    }

    public void setJurisdictions(Map<String, List<String>> jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    public List<String> getAggregatePackages() {
        return aggregatePackages;
    }

    public void setAggregatePackages(List<String> aggregatePackages) {
        this.aggregatePackages = aggregatePackages;
    }

    public int getAggregateCacheSize() {
        return aggregateCacheSize;
    }

    public void setAggregateCacheSize(int aggregateCacheSize) {
        this.aggregateCacheSize = aggregateCacheSize;
    }

    public Routing getRouting() {
        return routing;
    }

    public Kafka getKafka() {
        return kafka;
    }

    public Events getEvents() {
        return events;
    }

    public Deadlines getDeadlines() {
        return deadlines;
    }

    public Residency getResidency() {
        return residency;
    }

    public Failover getFailover() {
        return failover;
    }

    /** {@code regent.failover.*}: what happens to commands whose owner region does not answer. */
    public static class Failover {

        /** For command types that declare no {@code @WhenOwnerUnavailable}. */
        private FailoverPolicy defaultPolicy = FailoverPolicy.REJECT;
        /** Per command type (simple or full class name), over what the type declares. */
        private Map<String, FailoverPolicy> policies = new LinkedHashMap<>();
        /** How often queued and captured commands are offered to their owners again. */
        private Duration deliveryInterval = Duration.ofSeconds(2);
        /** How long an owner remembers its answers to other regions' commands (to answer repeats, not redo them). */
        private Duration rememberAnswersFor = Duration.ofDays(7);

        public Duration getRememberAnswersFor() {
            return rememberAnswersFor;
        }

        public void setRememberAnswersFor(Duration rememberAnswersFor) {
            this.rememberAnswersFor = rememberAnswersFor;
        }

        public FailoverPolicy getDefaultPolicy() {
            return defaultPolicy;
        }

        public void setDefaultPolicy(FailoverPolicy defaultPolicy) {
            this.defaultPolicy = defaultPolicy;
        }

        public Map<String, FailoverPolicy> getPolicies() {
            return policies;
        }

        public void setPolicies(Map<String, FailoverPolicy> policies) {
            this.policies = policies;
        }

        public Duration getDeliveryInterval() {
            return deliveryInterval;
        }

        public void setDeliveryInterval(Duration deliveryInterval) {
            this.deliveryInterval = deliveryInterval;
        }
    }

    public static class Routing {

        /** How long a forwarded command may wait for the owner's answer before the owner counts as unavailable. */
        private Duration timeout = Duration.ofSeconds(5);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }
    }

    public static class Kafka {

        /** Partitions of every Regent topic; must be the same in every region (MirrorMaker keeps partitions). */
        private int partitions = 1;
        /** Prefix of Regent's topic names: {@code <prefix>.<region>.events}. */
        private String topicPrefix = "regent";
        /** Replication factor of the topics Regent creates in its region's cluster. */
        private short replicationFactor = 1;

        public short getReplicationFactor() {
            return replicationFactor;
        }

        public void setReplicationFactor(short replicationFactor) {
            this.replicationFactor = replicationFactor;
        }

        public int getPartitions() {
            return partitions;
        }

        public void setPartitions(int partitions) {
            this.partitions = partitions;
        }

        public String getTopicPrefix() {
            return topicPrefix;
        }

        public void setTopicPrefix(String topicPrefix) {
            this.topicPrefix = topicPrefix;
        }
    }

    /** Tracking processors: the Kafka publisher, projections and sagas. */
    public static class Events {

        /** Events per transaction (one token write per batch): the first lever for throughput and rebuild speed. */
        private int batchSize = 50;
        /** How long a processor waits for new events before checking again; bounds the added latency. */
        private Duration availabilityTimeout = Duration.ofMillis(100);

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public Duration getAvailabilityTimeout() {
            return availabilityTimeout;
        }

        public void setAvailabilityTimeout(Duration availabilityTimeout) {
            this.availabilityTimeout = availabilityTimeout;
        }
    }

    /** Sagas' deadlines, kept in the region's database by db-scheduler. */
    public static class Deadlines {

        /** How often due deadlines are looked for: the most a deadline can be late. */
        private Duration pollingInterval = Duration.ofMillis(500);

        public Duration getPollingInterval() {
            return pollingInterval;
        }

        public void setPollingInterval(Duration pollingInterval) {
            this.pollingInterval = pollingInterval;
        }
    }

    /** What may leave the region, and the secrets that protect what leaves. */
    public static class Residency {

        /** The jurisdiction policy file (Spring resource location). */
        private String policy = "classpath:residency-policy.txt";
        /** This region's master key, base64 of 32 random bytes: wraps the data subjects' keys. Keep it secret. */
        private String masterKey;
        /** This region's pseudonymisation key, base64 of 32 random bytes. Keep it secret. */
        private String pseudonymKey;

        public byte[] masterKeyBytes() {
            return decodeKey("regent.residency.master-key", masterKey);
        }

        public byte[] pseudonymKeyBytes() {
            return decodeKey("regent.residency.pseudonym-key", pseudonymKey);
        }

        private static byte[] decodeKey(String property, String value) {
            String hint = ": 32 random bytes, base64 (e.g. `openssl rand -base64 32`), the same across restarts "
                    + "(a new key makes every field protected with the old one unreadable)";
            if (value == null || value.isBlank()) {
                throw new IllegalStateException(property + " is not set" + hint);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(value.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(property + " is not base64" + hint, e);
            }
            if (key.length != 32) {
                throw new IllegalStateException(property + " has " + key.length + " bytes, not 32" + hint);
            }
            return key;
        }

        public String getPolicy() {
            return policy;
        }

        public void setPolicy(String policy) {
            this.policy = policy;
        }

        public String getMasterKey() {
            return masterKey;
        }

        public void setMasterKey(String masterKey) {
            this.masterKey = masterKey;
        }

        public String getPseudonymKey() {
            return pseudonymKey;
        }

        public void setPseudonymKey(String pseudonymKey) {
            this.pseudonymKey = pseudonymKey;
        }
    }
}
