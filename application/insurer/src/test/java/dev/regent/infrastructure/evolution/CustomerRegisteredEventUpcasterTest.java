package dev.regent.infrastructure.evolution;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision 1 registrations, in every form a region stores or receives them, read as revision 2. */
class CustomerRegisteredEventUpcasterTest {

    private static final String TYPE = CustomerRegisteredEvent.class.getName();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            at rest in the owner's store | enc:v1:xoNaXWCtQ2w | enc:v1:JrTLb9Xv0 | enc:v1:Pq7Zk1
            encrypted toward us          | enc:v1:Az09+/xYw= | enc:v1:Bb77Qa   | enc:v1:Cc88Rb
            redacted toward apac         | [REDACTED]        | [REDACTED]       | [REDACTED]
            pseudonymised                | pseu:9f1c2b7d     | pseu:04e3a6b5    | pseu:77aa01cd
            erased                       | [ERASED]          | [ERASED]         | [ERASED]
            """)
    void givenARevision1Registration_whenRead_thenItIsRevision2InHerDomicilesLanguage_personalFieldsUntouched(
            String form, String name, String email, String phone) {
        IntermediateEventRepresentation upcast = single("""
                {"customerId":{"value":"c-1"},"name":"%s","email":"%s","phone":"%s","domicile":"DE"}"""
                .formatted(name, email, phone));

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(read(upcast)).isEqualTo(
                new CustomerRegisteredEvent(new CustomerId("c-1"), name, email, phone, "DE", "de"));
    }

    @Test
    void givenARevision1RegistrationWhosePhoneWasDropped_whenRead_thenTheNullStays() {
        assertThat(read(single("""
                {"customerId":{"value":"c-1"},"name":"[REDACTED]","email":null,"domicile":"SG"}""")))
                .isEqualTo(new CustomerRegisteredEvent(new CustomerId("c-1"), "[REDACTED]", null, null, "SG", "en"));
    }

    @Test
    void givenADomicileTheInsurerHasNoLanguageFor_whenRead_thenTheFallbackLanguage() {
        assertThat(read(single("""
                {"customerId":{"value":"c-1"},"name":"n","email":"e","phone":"p","domicile":"BR"}"""))
                .preferredLanguage()).isEqualTo("en");
    }

    @Test
    void givenARevision1RegistrationThatAlreadyNamesALanguage_whenRead_thenThatLanguageIsKept() {
        assertThat(read(single("""
                {"customerId":{"value":"c-1"},"name":"n","email":"e","phone":"p","domicile":"FR",
                 "preferredLanguage":"en"}""")).preferredLanguage()).isEqualTo("en");
    }

    @Test
    void givenARegistrationStoredUnderTheNameItHadInRegent01_whenRead_thenItIsTheInsurersCurrentClass() {
        List<IntermediateEventRepresentation> read = RegionSerialization.get().upcast(
                "dev.regent.domain.identity.CustomerRegisteredEvent", "1", """
                {"customerId":{"value":"c-1"},"name":"n","email":"e","phone":"p","domicile":"FR"}""");

        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.getType().getName()).isEqualTo(TYPE);
            assertThat(read(event)).isEqualTo(new CustomerRegisteredEvent(new CustomerId("c-1"), "n", "e", "p", "FR",
                    "fr"));
        });
    }

    @Test
    void givenARevision2Registration_whenRead_thenNoUpcasterTouchesIt() {
        List<IntermediateEventRepresentation> read = RegionSerialization.get().upcast(TYPE, "2", """
                {"customerId":{"value":"c-1"},"name":"n","email":"e","phone":"p","domicile":"FR",
                 "preferredLanguage":"it"}""");

        assertThat(read).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(read(event).preferredLanguage()).isEqualTo("it");
        });
    }

    @Test
    void givenARevision1PayloadAReadModelKeptOutsideTheStore_whenReadAfterTheUpgrade_thenItIsRevision2() {
        // A dead letter or a held event: its serialized payload, read by the serializer without the store's chain.
        CustomerRegisteredEvent read = RegionSerialization.get().serializer().deserialize(new SimpleSerializedObject<>(
                """
                {"customerId":{"value":"c-1"},"name":"enc:v1:x","email":"enc:v1:y","phone":"enc:v1:z","domicile":"FR"}"""
                        .getBytes(StandardCharsets.UTF_8), byte[].class, TYPE, "1"));

        assertThat(read).isEqualTo(
                new CustomerRegisteredEvent(new CustomerId("c-1"), "enc:v1:x", "enc:v1:y", "enc:v1:z", "FR", "fr"));
    }

    private static IntermediateEventRepresentation single(String revision1Payload) {
        List<IntermediateEventRepresentation> upcast = RegionSerialization.get().upcast(TYPE, "1", revision1Payload);
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    private static CustomerRegisteredEvent read(IntermediateEventRepresentation event) {
        return RegionSerialization.get().serializer().deserialize(event.getData());
    }
}
