package dev.regent.infrastructure.residency;

import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.CustomerSuspendedEvent;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.domain.residency.Erasure;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.List;

import static dev.regent.infrastructure.residency.ResidencyFixture.DOMICILE;
import static dev.regent.infrastructure.residency.ResidencyFixture.EMAIL;
import static dev.regent.infrastructure.residency.ResidencyFixture.PHONE;
import static dev.regent.infrastructure.residency.ResidencyFixture.SUSPENSION_REASON;
import static org.assertj.core.api.Assertions.assertThat;

/** The event store decorator over Axon's in-memory engine, with subject keys in a real PostgreSQL. */
class PersonalDataProtectingStorageEngineIT {

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer postgres;
    private static SubjectKeys keys;

    private final InMemoryEventStorageEngine inner = new InMemoryEventStorageEngine();
    private final EventStorageEngine engine = new PersonalDataProtectingStorageEngine(inner, keys);
    private final CustomerId customer = ResidencyFixture.newCustomer();

    @BeforeAll
    static void startPostgres() {
        postgres = ResidencyFixture.migratedPostgres("protecting-engine", tempDir.resolve("pg"));
        keys = new SubjectKeys(new JdbcTemplate(postgres.dataSource()), ResidencyFixture.randomAesKey());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    private void append(Object... payloads) {
        long next = engine.lastSequenceNumberFor(customer.value()).map(last -> last + 1).orElse(0L);
        for (Object payload : payloads) {
            engine.appendEvents(List.of(ResidencyFixture.event(customer, next++, payload)));
        }
    }

    private static List<Object> payloads(EventStorageEngine source, CustomerId customer) {
        return source.readEvents(customer.value()).asStream().<Object>map(EventMessage::getPayload).toList();
    }

    private static List<Object> trackedPayloads(EventStorageEngine source, CustomerId customer) {
        return source.readEvents(null, false)
                .filter(event -> event instanceof DomainEventMessage<?> domainEvent
                        && domainEvent.getAggregateIdentifier().equals(customer.value()))
                .<Object>map(EventMessage::getPayload).toList();
    }

    @Test
    void givenARegisteredCustomer_whenAppended_thenTheStoreHoldsThePersonalFieldsEncryptedOnly() {
        append(ResidencyFixture.registered(customer));

        CustomerRegisteredEvent stored = (CustomerRegisteredEvent) payloads(inner, customer).get(0);
        assertThat(List.of(stored.name(), stored.email(), stored.phone()))
                .allSatisfy(value -> assertThat(value).startsWith("enc:v1:").doesNotContain("Lovelace", "ada"));
        assertThat(stored.customerId()).isEqualTo(customer);
        assertThat(stored.domicile()).isEqualTo(DOMICILE);
        assertThat(FieldProtection.decrypt(keys.existingKeyFor(customer.value()), stored.email())).isEqualTo(EMAIL);
    }

    @Test
    void givenAnEncryptedStore_whenReadByAggregate_thenTheDecoratorGivesThePlaintext() {
        append(ResidencyFixture.registered(customer), ResidencyFixture.suspended(customer));

        assertThat(payloads(engine, customer)).containsExactly(ResidencyFixture.registered(customer),
                ResidencyFixture.suspended(customer));
        assertThat(((CustomerSuspendedEvent) payloads(inner, customer).get(1)).reason()).startsWith("enc:v1:");
    }

    @Test
    void givenAnEncryptedStore_whenTracked_thenTheDecoratorGivesThePlaintextWithTheTrackingTokens() {
        append(ResidencyFixture.registered(customer));

        assertThat(trackedPayloads(engine, customer)).containsExactly(ResidencyFixture.registered(customer));
        List<? extends TrackedEventMessage<?>> tracked = engine.readEvents(null, false).toList();
        List<? extends TrackedEventMessage<?>> stored = inner.readEvents(null, false).toList();
        assertThat(tracked).hasSameSizeAs(stored);
        for (int i = 0; i < tracked.size(); i++) {
            assertThat(tracked.get(i)).isInstanceOf(GenericTrackedDomainEventMessage.class);
            assertThat(tracked.get(i).trackingToken()).isEqualTo(stored.get(i).trackingToken());
            assertThat(tracked.get(i).getIdentifier()).isEqualTo(stored.get(i).getIdentifier());
            assertThat(tracked.get(i).getMetaData()).isEqualTo(stored.get(i).getMetaData());
        }
    }

    @Test
    void givenAnErasure_whenAppended_thenEveryPersonalFieldOfTheSubjectReadsErasedEverywhere() {
        append(ResidencyFixture.registered(customer), new CustomerContactChangedEvent(customer, "ada@new.example",
                "+44 20 7946 0999"), ResidencyFixture.suspended(customer));

        append(ResidencyFixture.erased(customer));

        List<Object> expected = List.of(
                new CustomerRegisteredEvent(customer, Erasure.ERASED, Erasure.ERASED, Erasure.ERASED, DOMICILE,
                        ResidencyFixture.LANGUAGE),
                new CustomerContactChangedEvent(customer, Erasure.ERASED, Erasure.ERASED),
                new CustomerSuspendedEvent(customer, Erasure.ERASED), ResidencyFixture.erased(customer));
        assertThat(payloads(engine, customer)).isEqualTo(expected);
        assertThat(trackedPayloads(engine, customer)).isEqualTo(expected);
        assertThat(keys.existingKeyFor(customer.value())).isEmpty();
    }

    @Test
    void givenAnErasedSubject_whenAnotherEventIsAppended_thenItIsStoredErasedNeverInTheClear() {
        append(ResidencyFixture.registered(customer), ResidencyFixture.erased(customer));

        append(new CustomerContactChangedEvent(customer, EMAIL, PHONE));

        assertThat(payloads(inner, customer).get(2)).isEqualTo(
                new CustomerContactChangedEvent(customer, Erasure.ERASED, Erasure.ERASED));
        assertThat(payloads(engine, customer).get(2)).isEqualTo(
                new CustomerContactChangedEvent(customer, Erasure.ERASED, Erasure.ERASED));
    }

    @Test
    void givenTwoSubjects_whenOneIsErased_thenTheOthersEventsAreUntouched() {
        CustomerId other = ResidencyFixture.newCustomer();
        engine.appendEvents(List.of(ResidencyFixture.event(other, 0, ResidencyFixture.registered(other))));
        append(ResidencyFixture.registered(customer));

        append(ResidencyFixture.erased(customer));

        assertThat(payloads(engine, other)).containsExactly(ResidencyFixture.registered(other));
        assertThat(trackedPayloads(engine, other)).containsExactly(ResidencyFixture.registered(other));
        assertThat(((CustomerRegisteredEvent) payloads(engine, customer).get(0)).name()).isEqualTo(Erasure.ERASED);
        assertThat(keys.existingKeyFor(other.value())).isPresent();
    }

    @Test
    void givenAnEventWithoutPersonalData_whenAppended_thenItIsStoredAsItIs() {
        append(new IdentityVerifiedEvent(customer, "claim-1", true));

        assertThat(payloads(inner, customer)).containsExactly(
                new IdentityVerifiedEvent(customer, "claim-1", true));
        assertThat(keys.existingKeyFor(customer.value())).isEmpty();
    }

    @Test
    void givenTheDecorator_whenEventsAreReadFromASequenceNumber_thenOnlyThoseAreRevealedAndTheLastSequenceIsKnown() {
        append(ResidencyFixture.registered(customer), ResidencyFixture.suspended(customer));

        var stream = engine.readEvents(customer.value(), 1);
        List<Object> read = stream.asStream().<Object>map(EventMessage::getPayload).toList();

        assertThat(read).containsExactly(ResidencyFixture.suspended(customer));
        assertThat(stream.getLastSequenceNumber()).isEqualTo(1L);
        assertThat(((CustomerSuspendedEvent) read.get(0)).reason()).isEqualTo(SUSPENSION_REASON);
    }
}
