package dev.regent.projections.reconciliation;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.insurer.views.identity.CustomerProjection;
import dev.regent.insurer.views.identity.CustomerView;
import dev.regent.projections.replication.ProjectionDatabase;
import dev.regent.projections.replication.ProjectionMetrics;
import dev.regent.projections.replication.ViewStores;
import dev.regent.projections.requests.RoutedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Digests of real view rows (PostgreSQL): the owner's, of what a destination should hold, against the destination's,
 * of what it holds. The owner eu shares customers with apac redacted. Both regions' views live in one database here,
 * under names of their own.
 */
class DigestsTest {

    private static final Region EU = Region.of("eu");
    private static final Region US = Region.of("us");
    private static final Region APAC = Region.of("apac");
    private static final String REDACTED = "[REDACTED]";
    private static final int BUCKETS = 16;

    /** What the residency policy lets apac hold of eu's customers: no personal field. */
    private static final ShareableForm REDACTED_OUTSIDE_THE_OWNER = (state, owner, destination) -> {
        CustomerView customer = (CustomerView) state;
        return destination.equals(owner) ? customer
                : new CustomerView(customer.customerId(), REDACTED, REDACTED, REDACTED, customer.domicile(),
                customer.preferredLanguage());
    };

    private static final ShareableForm NOTHING_SHARED_ON_A_REPLICA = (state, owner, destination) -> {
        throw new AssertionError("a replica's digests are of its rows as held");
    };

    private final JdbcTemplate jdbc = ProjectionDatabase.jdbc();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final ViewStores euViews = viewStores(EU);
    private final ViewStores apacViews = viewStores(APAC);
    private final Digests euDigests = new Digests(euViews, REDACTED_OUTSIDE_THE_OWNER, EU);
    private final Digests apacDigests = new Digests(apacViews, NOTHING_SHARED_ON_A_REPLICA, APAC);

    @Test
    void givenTheOwnersRowsAndTheRedactedReplica_whenDigested_thenEveryBucketMatches() {
        View owner = view(euViews, "eu-customers");
        View replica = view(apacViews, "apac-customers");
        List<String> customers = customers(40);
        customers.forEach(id -> {
            deliver(owner, streamOf(id, id.hashCode() & 3, false));
            deliver(replica, streamOf(id, id.hashCode() & 3, true));
        });
        // Rows of other owners are not part of eu's comparison, on either side.
        deliver(owner, List.of(registered(newId(), US.name(), false)));
        deliver(replica, List.of(registered(newId(), US.name(), true)));

        List<BucketDigest> expected = euDigests.ownedBuckets(owner.name(), APAC, BUCKETS);
        List<BucketDigest> held = apacDigests.replicaBuckets(replica.name(), EU, BUCKETS);

        assertThat(held).isEqualTo(expected).hasSize(BUCKETS);
        assertThat(DriftComparison.differingBuckets(expected, held)).isEmpty();
        assertThat(held.stream().mapToLong(BucketDigest::count).sum()).isEqualTo(customers.size());
        Set<Integer> all = IntStream.range(0, BUCKETS).boxed().collect(Collectors.toSet());
        assertThat(apacDigests.replicaEntries(replica.name(), EU, BUCKETS, all))
                .containsExactlyInAnyOrderElementsOf(euDigests.ownedEntries(owner.name(), APAC, BUCKETS, all));
        assertThat(euDigests.ownedBuckets(owner.name(), EU, BUCKETS)).as("unredacted, as eu itself holds them")
                .isNotEqualTo(held);
    }

    @Test
    void givenTheSameRowsWrittenInAnotherOrder_thenTheBucketsAreTheSame_forABucketCombinesItsRowsWithoutOrder() {
        List<String> customers = customers(12);
        View forwards = view(apacViews, "forwards");
        View backwards = view(apacViews, "backwards");
        customers.forEach(id -> deliver(forwards, streamOf(id, 2, true)));
        List<String> reversed = new ArrayList<>(customers);
        Collections.reverse(reversed);
        reversed.forEach(id -> deliver(backwards, streamOf(id, 2, true)));

        assertThat(apacDigests.replicaBuckets(backwards.name(), EU, BUCKETS))
                .isEqualTo(apacDigests.replicaBuckets(forwards.name(), EU, BUCKETS));

        // One bucket for all: its hash is the XOR of each row's alone, whichever order they are read in.
        long combined = customers.stream().mapToLong(id -> {
            View alone = view(apacViews, "alone");
            deliver(alone, streamOf(id, 2, true));
            return Long.parseUnsignedLong(apacDigests.replicaBuckets(alone.name(), EU, 1).get(0).hash(), 16);
        }).reduce(0, (a, b) -> a ^ b);
        BucketDigest everything = apacDigests.replicaBuckets(forwards.name(), EU, 1).get(0);
        assertThat(everything.count()).isEqualTo(customers.size());
        assertThat(Long.parseUnsignedLong(everything.hash(), 16)).isEqualTo(combined);
    }

    @Test
    void givenOneReplicaRowAltered_thenExactlyItsBucketDiffers_andItIsTheOnlyDrift() {
        View owner = view(euViews, "eu-customers");
        View replica = view(apacViews, "apac-customers");
        List<String> customers = customers(30);
        customers.forEach(id -> {
            deliver(owner, streamOf(id, 1, false));
            deliver(replica, streamOf(id, 1, true));
        });
        String altered = customers.get(7);
        jdbc.update("update regent_view set state = jsonb_set(state, '{domicile}', '\"DE\"') "
                + "where view_name = ? and aggregate_id = ?", replica.name(), altered);

        List<BucketDigest> expected = euDigests.ownedBuckets(owner.name(), APAC, BUCKETS);
        List<BucketDigest> held = apacDigests.replicaBuckets(replica.name(), EU, BUCKETS);
        List<Integer> differing = DriftComparison.differingBuckets(expected, held);

        assertThat(differing).containsExactly(Digests.bucketOf(altered, BUCKETS));
        Set<Integer> wanted = Set.copyOf(differing);
        List<Digest> expectedEntries = euDigests.ownedEntries(owner.name(), APAC, BUCKETS, wanted);
        List<Digest> heldEntries = apacDigests.replicaEntries(replica.name(), EU, BUCKETS, wanted);
        assertThat(DriftComparison.compare(owner.name(), "eu", expectedEntries, heldEntries))
                .containsExactly(new Drift(owner.name(), altered, "eu", DriftClass.DIVERGED, 1, 1));
    }

    @Test
    void givenBucketNumbersOutOfRange_thenTheyAreRefused() {
        View owner = view(euViews, "eu-customers");
        View replica = view(apacViews, "apac-customers");
        String customer = newId();
        deliver(owner, streamOf(customer, 0, false));
        deliver(replica, streamOf(customer, 0, true));

        assertThatThrownBy(() -> euDigests.ownedEntries(owner.name(), APAC, BUCKETS, Set.of(3, BUCKETS)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("buckets go from 0 to 15, not 16");
        assertThatThrownBy(() -> apacDigests.replicaEntries(replica.name(), EU, BUCKETS, Set.of(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("buckets go from 0 to 15, not -1");
        for (int buckets : new int[]{0, -4, 65_537}) {
            assertThatThrownBy(() -> euDigests.ownedBuckets(owner.name(), APAC, buckets))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 65536");
        }
        assertThat(euDigests.ownedBuckets(owner.name(), APAC, 65_536)).hasSize(65_536);
        assertThatThrownBy(() -> euDigests.ownedBuckets("no-such-view", APAC, BUCKETS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-such-view");
    }

    private ViewStores viewStores(Region region) {
        return new ViewStores(jdbc, JacksonSerializer.defaultSerializer(), region,
                new ProjectionMetrics(new SimpleMeterRegistry(), Clock.systemUTC()), new RoutedRequests(jdbc),
                new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** A customer projection over a view of its own for this test (other tests' rows share the database). */
    private record View(String name, AnnotationEventHandlerAdapter delivery) {
    }

    private View view(ViewStores views, String name) {
        String view = name + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new View(view, new AnnotationEventHandlerAdapter(views.projection(view, CustomerView.class,
                CustomerProjection.AGGREGATE_TYPE, CustomerProjection::new)));
    }

    private static void deliver(View view, List<DomainEventMessage<?>> events) {
        for (DomainEventMessage<?> event : events) {
            try {
                view.delivery().handle(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A customer of eu: registered, then {@code contactChanges} changes; as apac receives them when redacted. */
    private static List<DomainEventMessage<?>> streamOf(String customerId, int contactChanges, boolean redacted) {
        List<DomainEventMessage<?>> stream = new ArrayList<>();
        stream.add(registered(customerId, "eu", redacted));
        for (int change = 1; change <= contactChanges; change++) {
            stream.add(event(customerId, "eu", change, new CustomerContactChangedEvent(new CustomerId(customerId),
                    redacted ? REDACTED : "c" + change + "@example.fr",
                    redacted ? REDACTED : "+33 1 00 00 00 " + String.format("%02d", change))));
        }
        return stream;
    }

    private static DomainEventMessage<?> registered(String customerId, String owner, boolean redacted) {
        return event(customerId, owner, 0, new CustomerRegisteredEvent(new CustomerId(customerId),
                redacted ? REDACTED : "Amélie Poulain", redacted ? REDACTED : "amelie@example.fr",
                redacted ? REDACTED : "+33 1 00 00 00 00", "FR", "fr"));
    }

    private static DomainEventMessage<?> event(String customerId, String owner, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(CustomerProjection.AGGREGATE_TYPE, customerId, sequence, payload,
                Map.of(OwnershipMetadata.ORIGIN_REGION, owner, OwnershipMetadata.OWNER_EPOCH, "1"),
                customerId + "-" + sequence, Instant.parse("2026-11-23T10:00:00Z").plusSeconds(sequence));
    }

    private static List<String> customers(int count) {
        return IntStream.range(0, count).mapToObj(i -> newId()).toList();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
