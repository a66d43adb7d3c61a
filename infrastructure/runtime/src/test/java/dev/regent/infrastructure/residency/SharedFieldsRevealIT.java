package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.regent.infrastructure.residency.ResidencyFixture.EMAIL;
import static dev.regent.infrastructure.residency.ResidencyFixture.EU;
import static dev.regent.infrastructure.residency.ResidencyFixture.NAME;
import static dev.regent.infrastructure.residency.ResidencyFixture.PHONE;
import static dev.regent.infrastructure.residency.ResidencyFixture.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The destination's side of a shared value: us opens what eu shared with it under the key eu granted once, keeps the
 * grant wrapped in its own database, and loses it for good when eu erases the subject. The owner's and the
 * destination's tables are in two real PostgreSQL servers; the peer call between them is a direct call to the
 * owner's issuer (the HTTP hop is covered end to end by the insurer's ResidencyLeakIT).
 */
class SharedFieldsRevealIT {

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer euDatabase;
    private static EmbeddedPostgresServer usDatabase;
    private static SubjectKeys euKeys;
    private static JdbcTemplate usJdbc;
    private static final javax.crypto.SecretKey US_MASTER_KEY = ResidencyFixture.randomAesKey();

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicBoolean euReachable = new AtomicBoolean(true);
    private final CustomerId customer = ResidencyFixture.newCustomer();

    @BeforeAll
    static void startDatabases() {
        euDatabase = ResidencyFixture.migratedPostgres("reveal-eu", tempDir.resolve("eu"));
        usDatabase = ResidencyFixture.migratedPostgres("reveal-us", tempDir.resolve("us"));
        euKeys = new SubjectKeys(new JdbcTemplate(euDatabase.dataSource()), ResidencyFixture.randomAesKey());
        usJdbc = new JdbcTemplate(usDatabase.dataSource());
    }

    @AfterAll
    static void stopDatabases() {
        for (EmbeddedPostgresServer server : new EmbeddedPostgresServer[]{euDatabase, usDatabase}) {
            if (server != null) {
                server.close();
            }
        }
    }

    private SharedFieldsReveal usReveal(ResidencyPolicy policy) {
        ShareKeyIssuer eu = new ShareKeyIssuer(policy, euKeys, EU);
        ShareKeyGrants peerCall = (owner, subject) -> {
            assertThat(owner).isEqualTo(EU);
            if (!euReachable.get()) {
                throw new IllegalStateException("eu unreachable");
            }
            asked.incrementAndGet();
            return eu.issue(subject, US).orElseThrow(() -> new IllegalStateException("403"));
        };
        return new SharedFieldsReveal(new GrantedKeys(usJdbc, US_MASTER_KEY, peerCall));
    }

    /** What us reads from its mirrored topic: eu's event as eu's egress sent it toward us. */
    private DomainEventMessage<?> sentToUs(ResidencyPolicy policy, long sequence, Object payload) {
        StringBuilder decisions = new StringBuilder();
        Object outbound = new Egress(policy, euKeys, new FieldProtection(ResidencyFixture.randomKeyBytes()))
                .forTransit(payload, EU, US, (field, action) -> decisions.append(decisions.isEmpty() ? "" : ",")
                        .append(field.name()).append('=').append(action));
        Map<String, Object> metaData = new HashMap<>(Map.of(OwnershipMetadata.ORIGIN_REGION, EU.name()));
        if (!decisions.isEmpty()) {
            metaData.put(ResidencyEgressConverter.EGRESS_METADATA, decisions.toString());
        }
        return new GenericDomainEventMessage<>("CustomerIdentity", customer.value(), sequence, outbound, metaData,
                customer.value() + "-" + sequence, Instant.parse("2026-12-03T10:00:00Z"));
    }

    private DomainEventMessage<?> registeredSentToUs(ResidencyPolicy policy) {
        euKeys.keyFor(customer.value()).orElseThrow();
        return sentToUs(policy, 0, ResidencyFixture.registered(customer));
    }

    private static CustomerRegisteredEvent payloadOf(EventMessage<?> event) {
        return (CustomerRegisteredEvent) event.getPayload();
    }

    @Test
    void givenShare_whenUsReadsTheEvent_thenItReadsThePlainValuesAndAsksEuOnlyOnce() {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        SharedFieldsReveal reveal = usReveal(policy);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);
        assertThat(payloadOf(sealed).name()).startsWith("enc:v1:");

        CustomerRegisteredEvent first = payloadOf(reveal.reveal(sealed, true));
        CustomerRegisteredEvent again = payloadOf(reveal.reveal(sealed, true));

        assertThat(first.name()).isEqualTo(NAME);
        assertThat(first.email()).isEqualTo(EMAIL);
        assertThat(first.phone()).isEqualTo(PHONE);
        assertThat(again).isEqualTo(first);
        assertThat(asked).hasValue(1);
        byte[] wrapped = usJdbc.queryForObject("select wrapped_key from regent_granted_key where owner_region = 'eu' "
                + "and subject_id = ?", byte[].class, customer.value());
        assertThat(wrapped).as("kept wrapped, never the raw key")
                .isNotEqualTo(SubjectKeys.shareKey(euKeys.existingKeyFor(customer.value()).orElseThrow(), "us")
                        .getEncoded());
        // After a restart (nothing in memory) the grant is read back from the database, eu is not asked again.
        assertThat(payloadOf(usReveal(policy).reveal(sealed, false)).name()).isEqualTo(NAME);
        assertThat(asked).hasValue(1);
    }

    @Test
    void givenEuUnreachable_whenUsNeedsAKey_thenTheReadFailsToBeRetried_andSucceedsOnceEuAnswers() {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        SharedFieldsReveal reveal = usReveal(policy);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);
        euReachable.set(false);

        assertThatThrownBy(() -> reveal.reveal(sealed, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("eu unreachable");

        euReachable.set(true);
        assertThat(payloadOf(reveal.reveal(sealed, true)).name()).isEqualTo(NAME);
    }

    @Test
    void givenEncrypt_whenUsReadsTheEvent_thenNothingIsAskedAndTheValuesStaySealed() {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.ENCRYPT);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);

        CustomerRegisteredEvent read = payloadOf(usReveal(policy).reveal(sealed, true));

        assertThat(read.name()).startsWith("enc:v1:").isEqualTo(payloadOf(sealed).name());
        assertThat(asked).hasValue(0);
        assertThat(new ShareKeyIssuer(policy, euKeys, EU).issue(customer.value(), US))
                .as("eu grants nothing to a region it shares nothing with").isEmpty();
    }

    @Test
    void givenAnErasure_whenUsReadsIt_thenTheGrantIsShredded_andEveryLaterReadOfTheOldEventsReadsErased() {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        SharedFieldsReveal reveal = usReveal(policy);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);
        assertThat(payloadOf(reveal.reveal(sealed, true)).name()).isEqualTo(NAME);

        euKeys.shred(customer.value());
        reveal.reveal(sentToUs(policy, 1, ResidencyFixture.erased(customer)), true);

        assertThat(usJdbc.queryForObject("select wrapped_key is null from regent_granted_key where owner_region = 'eu' "
                + "and subject_id = ?", Boolean.class, customer.value())).isTrue();
        CustomerRegisteredEvent reread = payloadOf(reveal.reveal(sealed, true));
        assertThat(reread.name()).isEqualTo(Erasure.ERASED);
        assertThat(reread.email()).isEqualTo(Erasure.ERASED);
        assertThat(payloadOf(usReveal(policy).reveal(sealed, true)).name())
                .as("after a restart too").isEqualTo(Erasure.ERASED);
    }

    @Test
    void givenALetterParkedSealed_whenItsViewIsHandedItAgain_thenTheInterceptorOpensIt_andAnOpenedEventPassesAsItIs()
            throws Exception {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        SharedFieldsReveal reveal = usReveal(policy);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);
        SharedFieldsRevealingInterceptor interceptor =
                new SharedFieldsRevealingInterceptor(new PersonalDataAtRest(reveal, usKeys(), US));

        Object seenFromSealed = handledThrough(interceptor, sealed);
        DomainEventMessage<?> opened = reveal.reveal(sealed, true);
        int askedBefore = asked.get();
        Object seenFromOpened = handledThrough(interceptor, opened);

        assertThat(((CustomerRegisteredEvent) seenFromSealed).name()).isEqualTo(NAME);
        assertThat(seenFromOpened).isSameAs(opened.getPayload());
        assertThat(asked).hasValue(askedBefore);
    }

    @Test
    void givenASharedEventOpenedHere_whenKeptAtRest_thenItIsSealedAsItCrossed_opensForAHandler_andNotAfterErasure()
            throws Exception {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        SharedFieldsReveal reveal = usReveal(policy);
        PersonalDataAtRest atRest = new PersonalDataAtRest(reveal, usKeys(), US);
        DomainEventMessage<?> crossed = registeredSentToUs(policy);
        DomainEventMessage<?> handled = reveal.reveal(crossed, true);

        DomainEventMessage<?> kept = atRest.sealed(handled);

        assertThat(payloadOf(kept).name()).as("as it crossed the border").isEqualTo(payloadOf(crossed).name());
        assertThat(payloadOf(kept).email()).isEqualTo(payloadOf(crossed).email());
        assertThat(atRest.sealed(kept)).as("sealed once").isSameAs(kept);
        assertThat(payloadOf(atRest.opened(kept))).isEqualTo(payloadOf(handled));
        assertThat(atRest.opened(kept).getMetaData()).isEqualTo(handled.getMetaData());
        SharedFieldsRevealingInterceptor interceptor = new SharedFieldsRevealingInterceptor(atRest);
        assertThat(((CustomerRegisteredEvent) handledThrough(interceptor, kept)).name()).isEqualTo(NAME);

        reveal.reveal(sentToUs(policy, 1, ResidencyFixture.erased(customer)), true);

        assertThat(payloadOf(atRest.opened(kept)).name()).isEqualTo(Erasure.ERASED);
        assertThat(payloadOf(atRest.sealed(handled)).email()).as("kept after the erasure").isEqualTo(Erasure.ERASED);
    }

    @Test
    void givenAnEventOfASubjectOwnedHere_whenKeptAtRest_thenItIsEncryptedWithHerKey_untilHerKeyIsShredded() {
        SubjectKeys usKeys = usKeys();
        PersonalDataAtRest atRest = new PersonalDataAtRest(usReveal(ResidencyFixture.euToUs(EgressAction.SHARE)),
                usKeys, US);
        usKeys.keyFor(customer.value()).orElseThrow();
        DomainEventMessage<?> handled = new GenericDomainEventMessage<>("CustomerIdentity", customer.value(), 0,
                ResidencyFixture.registered(customer), Map.of(OwnershipMetadata.ORIGIN_REGION, US.name()));

        DomainEventMessage<?> kept = atRest.sealed(handled);

        assertThat(payloadOf(kept).name()).startsWith("enc:v1:");
        assertThat(payloadOf(kept).phone()).startsWith("enc:v1:");
        assertThat(payloadOf(kept).domicile()).isEqualTo(payloadOf(handled).domicile());
        assertThat(payloadOf(atRest.opened(kept))).isEqualTo(payloadOf(handled));

        usKeys.shred(customer.value());

        assertThat(payloadOf(atRest.opened(kept)).name()).isEqualTo(Erasure.ERASED);
        assertThat(payloadOf(atRest.opened(kept)).email()).isEqualTo(Erasure.ERASED);
    }

    private static SubjectKeys usKeys() {
        return new SubjectKeys(usJdbc, US_MASTER_KEY);
    }

    /** The payload a handler behind {@code interceptor} is given. */
    private static Object handledThrough(SharedFieldsRevealingInterceptor interceptor, EventMessage<?> event)
            throws Exception {
        DefaultUnitOfWork<EventMessage<?>> unitOfWork = new DefaultUnitOfWork<>(event);
        Object[] seen = new Object[1];
        unitOfWork.start();
        interceptor.handle(unitOfWork, () -> {
            seen[0] = unitOfWork.getMessage().getPayload();
            return null;
        });
        unitOfWork.commit();
        return seen[0];
    }

    @Test
    void givenNoGrantHeld_whenATakeoverReadsWithoutAskingTheOwner_thenItIsRefused() {
        ResidencyPolicy policy = ResidencyFixture.euToUs(EgressAction.SHARE);
        DomainEventMessage<?> sealed = registeredSentToUs(policy);

        assertThatThrownBy(() -> usReveal(policy).reveal(sealed, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no key for subject " + customer.value());
        assertThat(asked).hasValue(0);
    }
}
