package dev.regent.infrastructure.residency;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.CustomerSuspendedEvent;
import dev.regent.insurer.identity.PersonalDataErasedEvent;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import dev.regent.infrastructure.postgres.RegentSchema;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The insurer's regions, policy, keys and a customer whose personal data is easy to spot anywhere. */
public final class ResidencyFixture {

    static final Region EU = Region.of("eu");
    static final Region US = Region.of("us");
    static final Region APAC = Region.of("apac");
    static final List<Region> REGIONS = List.of(EU, US, APAC);

    static final String NAME = "Ada Lovelace";
    static final String EMAIL = "ada.lovelace@example.org";
    static final String PHONE = "+44 20 7946 0018";
    static final String DOMICILE = "GB";
    static final String LANGUAGE = "en";
    static final String SUSPENSION_REASON = "Suspected staged collision";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ResidencyFixture() {
    }

    static CustomerId newCustomer() {
        return CustomerId.generate();
    }

    static CustomerRegisteredEvent registered(CustomerId customer) {
        return new CustomerRegisteredEvent(customer, NAME, EMAIL, PHONE, DOMICILE, LANGUAGE);
    }

    static CustomerSuspendedEvent suspended(CustomerId customer) {
        return new CustomerSuspendedEvent(customer, SUSPENSION_REASON);
    }

    static PersonalDataErasedEvent erased(CustomerId customer) {
        return new PersonalDataErasedEvent(customer);
    }

    /** {@code payload} as the customer's aggregate in eu would have applied it. */
    static DomainEventMessage<?> event(CustomerId customer, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("CustomerIdentity", customer.value(), sequence, payload,
                Map.of("origin-region", "eu"), customer.value() + "-" + sequence,
                Instant.parse("2026-11-23T10:00:00Z").plusSeconds(sequence));
    }

    /** 32 random bytes: a master or pseudonymisation key. */
    static byte[] randomKeyBytes() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    static SecretKey randomAesKey() {
        return new SecretKeySpec(randomKeyBytes(), "AES");
    }

    /** The insurer example's policy: a realistic one, read where the example keeps it (tests run in the module). */
    static final Path SHIPPED_POLICY = Path.of("..", "..", "application", "insurer", "src", "main", "resources",
            "residency-policy.txt");

    static List<String> shippedPolicyLines() {
        try {
            return Files.readAllLines(SHIPPED_POLICY, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The insurer example's residency-policy.txt is not at " + SHIPPED_POLICY, e);
        }
    }

    static ResidencyPolicy shippedPolicy() {
        return ResidencyPolicy.parse("classpath:residency-policy.txt", shippedPolicyLines(), REGIONS);
    }

    /** A policy where eu's data of every class becomes {@code action} on its way to us. */
    static ResidencyPolicy euToUs(EgressAction action) {
        return ResidencyPolicy.parse("test", List.of("eu -> us : personal = " + action + ", sensitive = " + action),
                REGIONS);
    }

    /** A real PostgreSQL with Regent's schema migrated. */
    public static EmbeddedPostgresServer migratedPostgres(String name, Path dataDir) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(name, dataDir, 0);
        RegentSchema.migrate(server.dataSource());
        return server;
    }
}
