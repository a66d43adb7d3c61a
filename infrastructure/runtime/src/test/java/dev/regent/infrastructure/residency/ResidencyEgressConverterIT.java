package dev.regent.infrastructure.residency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.residency.Erasure;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.infrastructure.residency.EgressAudit.Entry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.kafka.eventhandling.DefaultKafkaMessageConverter;
import org.axonframework.extensions.kafka.eventhandling.KafkaMessageConverter;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.regent.infrastructure.residency.ResidencyFixture.DOMICILE;
import static dev.regent.infrastructure.residency.ResidencyFixture.EMAIL;
import static dev.regent.infrastructure.residency.ResidencyFixture.EU;
import static dev.regent.infrastructure.residency.ResidencyFixture.NAME;
import static dev.regent.infrastructure.residency.ResidencyFixture.PHONE;
import static dev.regent.infrastructure.residency.ResidencyFixture.SUSPENSION_REASON;
import static dev.regent.infrastructure.residency.ResidencyFixture.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** What eu publishes toward us, field by field, with subject keys and the audit in a real PostgreSQL. */
class ResidencyEgressConverterIT {

    private static final String TOPIC = "regent.eu.to.us.events";
    private static final String EGRESS_HEADER = "axon-metadata-" + ResidencyEgressConverter.EGRESS_METADATA;
    private static final List<String> PERSONAL_FIELDS = List.of("name", "email", "phone");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer postgres;
    private static JdbcTemplate jdbc;
    private static SubjectKeys keys;

    private final KafkaMessageConverter<String, byte[]> delegate = DefaultKafkaMessageConverter.builder()
            .serializer(JacksonSerializer.defaultSerializer()).build();
    private final FieldProtection protection = new FieldProtection(ResidencyFixture.randomKeyBytes());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final EgressAudit audit = new EgressAudit(jdbc, meters);
    private final CustomerId customer = ResidencyFixture.newCustomer();

    @BeforeAll
    static void startPostgres() {
        postgres = ResidencyFixture.migratedPostgres("egress-converter", tempDir.resolve("pg"));
        jdbc = new JdbcTemplate(postgres.dataSource());
        keys = new SubjectKeys(jdbc, ResidencyFixture.randomAesKey());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void emptyTheAudit() {
        jdbc.update("delete from regent_egress_audit");
    }

    private ResidencyEgressConverter converter(ResidencyPolicy policy, Region destination) {
        return new ResidencyEgressConverter(delegate, EU, destination, new Egress(policy, keys, protection), audit);
    }

    /** The customer registered in eu, as the egress processor reads it from the store: decrypted, keyed. */
    private EventMessage<?> registered() {
        keys.keyFor(customer.value()).orElseThrow();
        return ResidencyFixture.event(customer, 0, ResidencyFixture.registered(customer));
    }

    private ProducerRecord<String, byte[]> towardUs(EgressAction action, EventMessage<?> event) {
        return converter(ResidencyFixture.euToUs(action), US).createKafkaMessage(event, TOPIC);
    }

    private static JsonNode payload(ProducerRecord<String, byte[]> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The value and every header, as text: where a leak would show. */
    private static String everythingIn(ProducerRecord<String, byte[]> record) {
        StringBuilder all = new StringBuilder(new String(record.value(), StandardCharsets.UTF_8));
        record.headers().forEach(header -> all.append('\n').append(header.key()).append('=')
                .append(new String(header.value(), StandardCharsets.UTF_8)));
        return all.toString();
    }

    @Test
    void givenShare_whenPublished_thenThePersonalFieldsTravelSealedUnderTheDestinationsShareKeyOnly() {
        JsonNode json = payload(towardUs(EgressAction.SHARE, registered()));
        SecretKey subjectKey = keys.existingKeyFor(customer.value()).orElseThrow();

        for (String field : PERSONAL_FIELDS) {
            assertThat(json.path(field).asText()).as(field).startsWith("enc:v1:");
        }
        var forUs = Optional.of(SubjectKeys.shareKey(subjectKey, US.name()));
        assertThat(FieldProtection.decrypt(forUs, json.path("name").asText())).isEqualTo(NAME);
        assertThat(FieldProtection.decrypt(forUs, json.path("email").asText())).isEqualTo(EMAIL);
        assertThat(FieldProtection.decrypt(forUs, json.path("phone").asText())).isEqualTo(PHONE);
        assertThat(json.path("domicile").asText()).isEqualTo(DOMICILE);
        // Neither the subject's own key (what ENCRYPT uses) nor another destination's share key opens them.
        for (SecretKey other : List.of(subjectKey, SubjectKeys.shareKey(subjectKey, "apac"))) {
            assertThatThrownBy(() -> FieldProtection.decrypt(Optional.of(other), json.path("name").asText()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void givenRedact_whenPublished_thenEveryPersonalFieldReadsRedacted() {
        JsonNode json = payload(towardUs(EgressAction.REDACT, registered()));

        PERSONAL_FIELDS.forEach(field -> assertThat(json.path(field).asText()).as(field).isEqualTo("[REDACTED]"));
        assertThat(json.path("domicile").asText()).isEqualTo(DOMICILE);
    }

    @Test
    void givenPseudonymise_whenPublished_thenEveryPersonalFieldIsItsStablePseudonym() {
        JsonNode json = payload(towardUs(EgressAction.PSEUDONYMISE, registered()));
        JsonNode again = payload(towardUs(EgressAction.PSEUDONYMISE, registered()));

        assertThat(json.path("name").asText()).startsWith("pseu:").isEqualTo(protection.pseudonymise(NAME));
        assertThat(json.path("email").asText()).startsWith("pseu:").isEqualTo(protection.pseudonymise(EMAIL));
        assertThat(json.path("phone").asText()).startsWith("pseu:").isEqualTo(protection.pseudonymise(PHONE));
        assertThat(again).isEqualTo(json);
    }

    @Test
    void givenEncrypt_whenPublished_thenEveryPersonalFieldDecryptsOnlyWithTheSubjectsKey() {
        JsonNode json = payload(towardUs(EgressAction.ENCRYPT, registered()));

        assertThat(json.path("name").asText()).startsWith("enc:v1:");
        assertThat(json.path("email").asText()).startsWith("enc:v1:");
        assertThat(json.path("phone").asText()).startsWith("enc:v1:");
        assertThat(FieldProtection.decrypt(keys.existingKeyFor(customer.value()), json.path("name").asText()))
                .isEqualTo(NAME);
        assertThat(FieldProtection.decrypt(keys.existingKeyFor(customer.value()), json.path("email").asText()))
                .isEqualTo(EMAIL);
        assertThat(FieldProtection.decrypt(keys.existingKeyFor(customer.value()), json.path("phone").asText()))
                .isEqualTo(PHONE);
    }

    @Test
    void givenDrop_whenPublished_thenThePersonalFieldsAreGone() {
        JsonNode json = payload(towardUs(EgressAction.DROP, registered()));

        PERSONAL_FIELDS.forEach(field -> assertThat(json.path(field).isNull() || json.path(field).isMissingNode())
                .as(field + " in " + json).isTrue());
        assertThat(json.path("domicile").asText()).isEqualTo(DOMICILE);
    }

    @ParameterizedTest
    @EnumSource(EgressAction.class)
    void givenAnyAction_whenPublished_thenNoPersonalValueIsAnywhereInTheRecord(EgressAction action) {
        String record = everythingIn(towardUs(action, registered()));

        assertThat(record).doesNotContain(NAME, EMAIL, PHONE, "Lovelace", "ada.lovelace", "7946");
    }

    @ParameterizedTest
    @EnumSource(EgressAction.class)
    void givenAnyAction_whenPublished_thenTheRecordsHeadersNameTheDecisionAndKeepTheEventsOwn(EgressAction action) {
        ProducerRecord<String, byte[]> record = towardUs(action, registered());

        assertThat(header(record, EGRESS_HEADER))
                .isEqualTo("name=" + action + ",email=" + action + ",phone=" + action);
        assertThat(header(record, "axon-metadata-origin-region")).isEqualTo("eu");
        assertThat(header(record, "axon-message-id")).isEqualTo(customer.value() + "-0");
        assertThat(header(record, "axon-message-aggregate-id")).isEqualTo(customer.value());
        assertThat(record.topic()).isEqualTo(TOPIC);
        assertThat(record.key()).isEqualTo(customer.value());
    }

    @Test
    void givenTheShippedPolicy_whenASuspensionGoesToUs_thenItsSensitiveReasonIsDropped() {
        ProducerRecord<String, byte[]> record = converter(ResidencyFixture.shippedPolicy(), US).createKafkaMessage(
                ResidencyFixture.event(customer, 1, ResidencyFixture.suspended(customer)), TOPIC);

        assertThat(payload(record).path("reason").isNull()).isTrue();
        assertThat(header(record, EGRESS_HEADER)).isEqualTo("reason=DROP");
        assertThat(everythingIn(record)).doesNotContain(SUSPENSION_REASON);
    }

    @Test
    void givenAnEventWithoutPersonalData_whenPublished_thenItCrossesAsItIsWithoutAnEgressHeader() {
        ProducerRecord<String, byte[]> record = towardUs(EgressAction.DROP,
                ResidencyFixture.event(customer, 2, new IdentityVerifiedEvent(customer, "claim-7", true)));

        assertThat(payload(record).path("claimId").asText()).isEqualTo("claim-7");
        assertThat(header(record, EGRESS_HEADER)).isNull();
    }

    @Test
    void givenSeveralEvents_whenPublished_thenOneAuditEntryPerKindOfDecisionCountsThem() {
        ResidencyEgressConverter converter = converter(ResidencyFixture.shippedPolicy(), US);
        CustomerId other = ResidencyFixture.newCustomer();
        keys.keyFor(other.value()).orElseThrow();

        converter.createKafkaMessage(registered(), TOPIC);
        converter.createKafkaMessage(ResidencyFixture.event(other, 0, ResidencyFixture.registered(other)), TOPIC);
        converter.createKafkaMessage(ResidencyFixture.event(customer, 1, ResidencyFixture.suspended(customer)), TOPIC);
        converter.createKafkaMessage(ResidencyFixture.event(customer, 2,
                new IdentityVerifiedEvent(customer, "claim-7", true)), TOPIC);

        assertThat(audit.entries()).extracting(Entry::destination, Entry::eventType, Entry::decision, Entry::events)
                .containsExactly(
                        tuple("us", "CustomerRegisteredEvent", "name=ENCRYPT,email=ENCRYPT,phone=ENCRYPT", 2L),
                        tuple("us", "CustomerSuspendedEvent", "reason=DROP", 1L),
                        tuple("us", "IdentityVerifiedEvent", "shared", 1L));
        assertThat(meters.counter("regent.egress.events", "destination", "us", "outcome", "protected").count())
                .isEqualTo(3);
        assertThat(meters.counter("regent.egress.events", "destination", "us", "outcome", "shared").count())
                .isEqualTo(1);
        assertThat(meters.counter("regent.egress.fields", "destination", "us", "action", "ENCRYPT").count())
                .isEqualTo(6);
        assertThat(meters.counter("regent.egress.fields", "destination", "us", "action", "DROP").count())
                .isEqualTo(1);
    }

    @Test
    void givenTheSameEventTowardTwoDestinations_whenPublished_thenEachIsAuditedUnderItsDestination() {
        EventMessage<?> event = registered();

        converter(ResidencyFixture.shippedPolicy(), US).createKafkaMessage(event, TOPIC);
        converter(ResidencyFixture.shippedPolicy(), ResidencyFixture.APAC)
                .createKafkaMessage(event, "regent.eu.to.apac.events");

        assertThat(audit.entries()).extracting(Entry::destination, Entry::decision).containsExactly(
                tuple("apac", "name=REDACT,email=REDACT,phone=REDACT"),
                tuple("us", "name=ENCRYPT,email=ENCRYPT,phone=ENCRYPT"));
    }

    @ParameterizedTest
    @EnumSource(value = EgressAction.class, names = {"ENCRYPT", "SHARE"})
    void givenAnErasedSubject_whenSealed_thenEveryPersonalFieldReadsErased(EgressAction action) {
        EventMessage<?> event = registered();
        keys.shred(customer.value());

        ProducerRecord<String, byte[]> record = towardUs(action, event);

        JsonNode json = payload(record);
        PERSONAL_FIELDS.forEach(field -> assertThat(json.path(field).asText()).as(field).isEqualTo(Erasure.ERASED));
        assertThat(everythingIn(record)).doesNotContain(NAME, EMAIL, PHONE);
    }

    @ParameterizedTest
    @EnumSource(EgressAction.class)
    void givenFieldsTheStoreAlreadyReadsAsErased_whenPublished_thenTheyStayErased(EgressAction action) {
        keys.keyFor(customer.value()).orElseThrow();
        EventMessage<?> event = ResidencyFixture.event(customer, 0, new CustomerRegisteredEvent(customer,
                Erasure.ERASED, Erasure.ERASED, Erasure.ERASED, DOMICILE, ResidencyFixture.LANGUAGE));

        JsonNode json = payload(towardUs(action, event));

        PERSONAL_FIELDS.forEach(field -> assertThat(json.path(field).asText()).as(field).isEqualTo(Erasure.ERASED));
    }
}
