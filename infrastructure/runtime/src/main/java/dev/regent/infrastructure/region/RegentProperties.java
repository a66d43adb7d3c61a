package dev.regent.infrastructure.region;

import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Region;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
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
 * {@code regent.*}: the service's own region, every region's peer URL (for routing commands to owners), the
 * jurisdiction map used by HOME ownership, and how the runtime works. Every region must be configured with the same
 * regions and jurisdictions. Validated at start: a wrong value stops the service, naming the property.
 *
 * @param region             this service's region
 * @param regions            every region's peer listener URLs, this one's included: one URL
 *                           ({@code eu: https://eu:9081}), or one per instance of the region (a YAML list, or
 *                           comma-separated: {@code eu: https://eu-1:9081,https://eu-2:9081}); a call to a region goes
 *                           to any instance that answers
 * @param jurisdictions      region name &rarr; the ISO country codes it is home for
 * @param aggregatePackages  packages scanned for aggregates that declare an ownership rule; empty: the application's
 *                           own ({@code @SpringBootApplication}'s)
 * @param aggregateCacheSize aggregates of each type the owner keeps in memory between commands (0: none, every
 *                           command replays)
 * @param instances          the several instances of this region's service: membership and leases
 * @param instanceName       this instance's name among its region's instances, as its processors' token claims
 *                           show it; empty: the JVM's ({@code pid@host}), distinct unless instances share a JVM (the
 *                           lab)
 */
@Validated
@ConfigurationProperties("regent")
public record RegentProperties(@NotBlank String region, Map<String, List<URI>> regions,
                               Map<String, List<String>> jurisdictions, List<String> aggregatePackages,
                               @DefaultValue("10000") @Min(0) int aggregateCacheSize,
                               @DefaultValue @Valid Routing routing, @DefaultValue @Valid Kafka kafka,
                               @DefaultValue @Valid Events events, @DefaultValue @Valid Deadlines deadlines,
                               @DefaultValue @Valid Residency residency, @DefaultValue @Valid Failover failover,
                               @DefaultValue @Valid Instances instances,
                               @DefaultValue("") String instanceName) {

    public RegentProperties {
        regions = PeerUrls.check(regions);
        jurisdictions = jurisdictions == null ? Map.of() : new LinkedHashMap<>(jurisdictions);
        aggregatePackages = aggregatePackages == null ? List.of() : List.copyOf(aggregatePackages);
    }

    /** This instance's name: {@code regent.instance-name}, or the JVM's. */
    public String instance() {
        return instanceName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName()
                : instanceName;
    }

    public Region localRegion() {
        if (region == null || region.isBlank()) {
            throw new IllegalStateException("regent.region is not set: which region is this service?");
        }
        Region local = Region.of(region);
        if (!regions.containsKey(local.name())) {
            throw new IllegalStateException("regent.region=" + local + " is not among regent.regions "
                    + regions.keySet());
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

    /** The region's instances' peer URLs, in configured order. */
    public List<URI> urlsOf(Region target) {
        List<URI> urls = regions.get(target.name());
        if (urls == null) {
            throw new IllegalStateException("No URL configured for region " + target + " (regent.regions." + target
                    + ")");
        }
        return urls;
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

    /**
     * {@code regent.routing.*}.
     *
     * @param timeout      how long a forwarded command may wait for the owner's answer before the owner counts as
     *                     unavailable
     * @param pendingAfter how long a routed change waits for its owner before it answers {@code 202 PENDING}
     */
    public record Routing(@DefaultValue("5s") Duration timeout, @DefaultValue("1s") Duration pendingAfter) {
    }

    /**
     * {@code regent.kafka.*}.
     *
     * @param partitions        partitions of every Regent topic; the same in every region (MirrorMaker keeps them)
     * @param topicPrefix       prefix of Regent's topic names: {@code <prefix>.<region>.events}
     * @param replicationFactor replication factor of the topics Regent creates in its region's cluster
     * @param fixRetention      whether a region whose topics would drop events (finite retention, compaction) sets
     *                          them to keep everything at start, with a warning ({@code true}), or refuses to start
     */
    public record Kafka(@DefaultValue("1") @Min(1) int partitions, @DefaultValue("regent") @NotBlank String topicPrefix,
                        @DefaultValue("1") @Min(1) short replicationFactor,
                        @DefaultValue("true") boolean fixRetention) {
    }

    /**
     * {@code regent.events.*}: the tracking processors (egress, read models, sagas).
     *
     * @param batchSize           events per transaction (one token write per batch): the first lever for throughput
     *                            and rebuild speed
     * @param availabilityTimeout how long an idle processor waits for events before it renews its token claim (one
     *                            transaction each time); events that arrive meanwhile wake it at once (mirrored) or
     *                            within 10 ms (local), so this is idle cost, not latency
     * @param segments            how many segments each processor's work is split into when its tokens are first
     *                            created (events of one aggregate always in one segment): what several instances of a
     *                            region share, each claiming some; an instance alone claims them all, one thread and
     *                            one stream each. Raising it later means splitting segments (Axon's split)
     */
    public record Events(@DefaultValue("50") @Min(1) int batchSize,
                         @DefaultValue("1s") Duration availabilityTimeout,
                         @DefaultValue("1") @Min(1) @Max(16) int segments) {
    }

    /**
     * {@code regent.deadlines.*}: sagas' deadlines, kept in the region's database by db-scheduler.
     *
     * @param pollingInterval how often due deadlines are looked for: the most a deadline can be late
     */
    public record Deadlines(@DefaultValue("500ms") Duration pollingInterval) {
    }

    /**
     * {@code regent.residency.*}: what may leave the region, and the secrets that protect what leaves.
     *
     * @param policy       the jurisdiction policy file (Spring resource location)
     * @param masterKey    this region's master key, base64 of 32 random bytes: wraps the data subjects' keys. Secret
     * @param pseudonymKey this region's pseudonymisation key, base64 of 32 random bytes. Secret
     */
    public record Residency(@DefaultValue("classpath:residency-policy.txt") String policy, String masterKey,
                            String pseudonymKey) {

        public byte[] masterKeyBytes() {
            return decodeKey("regent.residency.master-key", masterKey);
        }

        public byte[] pseudonymKeyBytes() {
            return decodeKey("regent.residency.pseudonym-key", pseudonymKey);
        }

        /** Never the secrets. */
        @Override
        public String toString() {
            return "Residency[policy=" + policy + "]";
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
    }

    /**
     * {@code regent.failover.*}: what happens to commands whose owner region does not answer.
     *
     * @param defaultPolicy      for command types that declare no {@code @WhenOwnerUnavailable}
     * @param policies           per command type (simple or full class name), over what the type declares
     * @param deliveryInterval   how often queued and captured commands are offered to their owners again
     * @param rememberAnswersFor how long an owner remembers its answers to other regions' commands (to answer
     *                           repeats, not redo them); longer than any command may stay queued
     */
    public record Failover(@DefaultValue("REJECT") FailoverPolicy defaultPolicy, Map<String, FailoverPolicy> policies,
                           @DefaultValue("2s") Duration deliveryInterval,
                           @DefaultValue("7d") Duration rememberAnswersFor) {

        public Failover {
            policies = policies == null ? Map.of() : Map.copyOf(policies);
        }
    }

    /**
     * {@code regent.instances.*}: the instances of this region's service that share its database.
     *
     * @param heartbeat   how often an instance says it is alive; one silent for three heartbeats is not listed
     * @param leaseTtl    how long a lease outlives its holder's last renewal: how long a dead instance's work done
     *                    once per region waits before another instance takes it. At least two heartbeats
     * @param forgetAfter how long the row of an instance that stopped heartbeating is kept (for the record)
     * @param publicUrl   this instance's public URL, when the address it would guess is not the one clients use
     * @param peerUrl     this instance's peer listener URL, likewise
     */
    public record Instances(@DefaultValue("2s") Duration heartbeat, @DefaultValue("6s") Duration leaseTtl,
                            @DefaultValue("1h") Duration forgetAfter, URI publicUrl, URI peerUrl) {

        public Instances {
            requirePositive("regent.instances.heartbeat", heartbeat);
            requirePositive("regent.instances.forget-after", forgetAfter);
            if (leaseTtl == null || leaseTtl.compareTo(heartbeat.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("regent.instances.lease-ttl (" + leaseTtl + ") must be at least "
                        + "two heartbeats (regent.instances.heartbeat=" + heartbeat + "): a live holder renews "
                        + "running work's leases at each heartbeat");
            }
        }

        private static void requirePositive(String property, Duration value) {
            if (value == null || value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(property + " must be a positive duration, not " + value);
            }
        }
    }
}
