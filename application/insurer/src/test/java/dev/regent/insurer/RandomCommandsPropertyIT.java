package dev.regent.insurer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.InsurerFixture.policy;
import static dev.regent.insurer.support.ThreeRegions.APAC;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Random commands sent to random regions: no region's event store ever holds an event of an aggregate it does not
 * own, every aggregate's events live in exactly one store, and every replica converges to its owner's state.
 */
class RandomCommandsPropertyIT {

    private static final List<String> REGIONS = List.of(EU, US, APAC);
    private final RegentClient api = ThreeRegions.client();

    sealed interface Step {
        String via();
    }

    record Register(String via, String domicile) implements Step {
    }

    record ChangeContact(String via, int customer, int phone) implements Step {
    }

    record IssuePolicy(String via, int customer) implements Step {
    }

    @Property(tries = 5, shrinking = ShrinkingMode.OFF)
    void writesStayWithTheOwnerAndReplicasConverge(@ForAll("scenarios") List<Step> steps) {
        List<String> customers = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        for (Step step : steps) {
            if (step instanceof Register register) {
                customers.add(created(api.post(register.via(), "/customers",
                        customer("Random Customer", register.domicile())), "customerId"));
            } else if (step instanceof ChangeContact change && !customers.isEmpty()) {
                String id = customers.get(change.customer() % customers.size());
                awaitKnown(change.via(), id);
                Answer answer = api.put(change.via(), "/customers/" + id + "/contact",
                        Map.of("phone", "+44 20 7946 " + (1000 + change.phone())));
                assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
            } else if (step instanceof IssuePolicy issue && !customers.isEmpty()) {
                String id = customers.get(issue.customer() % customers.size());
                awaitKnown(issue.via(), id);
                policies.add(created(api.post(issue.via(), "/policies", policy(id, 10_000)), "policyId"));
            }
        }

        for (String region : REGIONS) {
            assertThat(foreignEventsIn(region)).as("events in %s of aggregates it does not own", region).isZero();
        }
        for (String id : customers) {
            assertStoredOnlyByOwnerAndConverged("/customers/", id);
        }
        for (String id : policies) {
            assertStoredOnlyByOwnerAndConverged("/policies/", id);
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<String> region = Arbitraries.of(REGIONS);
        Arbitrary<Step> register = Combinators.combine(region, Arbitraries.of("FR", "DE", "US", "SG", "JP", "AU"))
                .as(Register::new);
        Arbitrary<Step> change = Combinators.combine(region, Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 8999)).as(ChangeContact::new);
        Arbitrary<Step> issue = Combinators.combine(region, Arbitraries.integers().between(0, 9))
                .as(IssuePolicy::new);
        return Arbitraries.frequencyOf(Tuple.of(3, register), Tuple.of(4, change), Tuple.of(2, issue))
                .list().ofMinSize(3).ofMaxSize(10);
    }

    private void assertStoredOnlyByOwnerAndConverged(String resource, String id) {
        String owner = api.get(EU, "/ownership/" + id).text("ownerRegion");
        long ownerEvents = ThreeRegionsEndToEndIT.eventsIn(owner, id);
        assertThat(ownerEvents).isPositive();
        for (String region : REGIONS) {
            if (!region.equals(owner)) {
                assertThat(ThreeRegionsEndToEndIT.eventsIn(region, id)).isZero();
            }
        }
        Answer atOwner = api.get(owner, resource + id);
        assertThat(atOwner.body().get("version").asLong()).isEqualTo(ownerEvents);
        for (String region : REGIONS) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(withoutPersonalData(api.get(region, resource + id).body()))
                            .isEqualTo(withoutPersonalData(atOwner.body())));
        }
    }

    /** Personal fields differ across regions by design (the residency policy); everything else must converge. */
    private static JsonNode withoutPersonalData(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove(List.of("name", "email", "phone"));
        return copy;
    }

    private void awaitKnown(String region, String id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(region, "/ownership/" + id).status() == 200);
    }

    private static String created(Answer answer, String idField) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
        return answer.text(idField);
    }

    /** Events a region appended without owning the aggregate under the epoch they carry (copies on takeover aside). */
    private static long foreignEventsIn(String region) {
        Long count = ThreeRegions.database(region).queryForObject("""
                select count(*) from domain_event_entry e
                 where e.type is not null
                   and convert_from(e.meta_data, 'UTF8')::jsonb ->> 'regent-imported-from' is null
                   and not exists (select 1 from regent_ownership_history h
                                    where h.aggregate_id = e.aggregate_identifier and h.owner_region = ?
                                      and h.epoch = (convert_from(e.meta_data, 'UTF8')::jsonb
                                                     ->> 'regent-owner-epoch')::bigint)
                """, Long.class, region);
        return count == null ? 0 : count;
    }
}
