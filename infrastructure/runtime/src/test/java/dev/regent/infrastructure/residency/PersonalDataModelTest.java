package dev.regent.infrastructure.residency;

import dev.regent.insurer.identity.ConsentGrantedEvent;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CustomerContactChangedEvent;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.CustomerRegisteredEvent;
import dev.regent.insurer.identity.CustomerSuspendedEvent;
import dev.regent.insurer.identity.IdentityVerificationFailedEvent;
import dev.regent.insurer.identity.IdentityVerifiedEvent;
import dev.regent.insurer.identity.PersonalDataErasedEvent;
import dev.regent.domain.residency.DataClass;
import dev.regent.domain.residency.DataSubject;
import dev.regent.domain.residency.ErasesDataSubject;
import dev.regent.domain.residency.PersonalData;
import dev.regent.infrastructure.residency.PersonalDataModel.Field;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.regent.domain.residency.DataClass.PERSONAL;
import static dev.regent.domain.residency.DataClass.SENSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataModelTest {

    private final CustomerId customer = ResidencyFixture.newCustomer();

    @Test
    void givenCustomerRegistered_thenNameEmailAndPhoneArePersonalAndTheCustomerIsTheSubject() {
        PersonalDataModel model = PersonalDataModel.of(CustomerRegisteredEvent.class);

        assertThat(model.hasPersonalData()).isTrue();
        assertThat(model.personalFields()).containsExactly(
                new Field(1, "name", PERSONAL), new Field(2, "email", PERSONAL), new Field(3, "phone", PERSONAL));
        assertThat(model.subjectOf(ResidencyFixture.registered(customer))).contains(customer.value());
        assertThat(model.isRegionLocked()).isFalse();
        assertThat(model.erasesSubject()).isFalse();
    }

    @Test
    void givenContactChanged_thenEmailAndPhoneArePersonal() {
        PersonalDataModel model = PersonalDataModel.of(CustomerContactChangedEvent.class);

        assertThat(model.personalFields()).containsExactly(
                new Field(1, "email", PERSONAL), new Field(2, "phone", PERSONAL));
        assertThat(model.subjectOf(new CustomerContactChangedEvent(customer, "a@example.org", "+1 555 0100")))
                .contains(customer.value());
    }

    @Test
    void givenSuspensionAndFailedVerification_thenTheirReasonsAreSensitive() {
        assertThat(PersonalDataModel.of(CustomerSuspendedEvent.class).personalFields())
                .containsExactly(new Field(1, "reason", SENSITIVE));
        assertThat(PersonalDataModel.of(IdentityVerificationFailedEvent.class).personalFields())
                .containsExactly(new Field(2, "reason", SENSITIVE));
        assertThat(PersonalDataModel.of(IdentityVerificationFailedEvent.class)
                .subjectOf(new IdentityVerificationFailedEvent(customer, "claim-1", "document expired")))
                .contains(customer.value());
    }

    @Test
    void givenConsentGranted_thenItIsRegionLockedWithoutPersonalFields() {
        PersonalDataModel model = PersonalDataModel.of(ConsentGrantedEvent.class);

        assertThat(model.isRegionLocked()).isTrue();
        assertThat(model.hasPersonalData()).isFalse();
        assertThat(model.erasesSubject()).isFalse();
        assertThat(model.subjectOf(new ConsentGrantedEvent(customer, ConsentPurpose.CLAIMS_PROCESSING))).isEmpty();
    }

    @Test
    void givenPersonalDataErased_thenItErasesItsSubjectAndCarriesNoPersonalData() {
        PersonalDataModel model = PersonalDataModel.of(PersonalDataErasedEvent.class);

        assertThat(model.erasesSubject()).isTrue();
        assertThat(model.hasPersonalData()).isFalse();
        assertThat(model.isRegionLocked()).isFalse();
        assertThat(model.subjectOf(ResidencyFixture.erased(customer))).contains(customer.value());
    }

    @Test
    void givenAnEventWithoutDeclarations_thenItHasNothingPersonal() {
        PersonalDataModel model = PersonalDataModel.of(IdentityVerifiedEvent.class);

        assertThat(model.hasPersonalData()).isFalse();
        assertThat(model.isRegionLocked()).isFalse();
        assertThat(model.erasesSubject()).isFalse();
        assertThat(PersonalDataModel.of(String.class).hasPersonalData()).isFalse();
        assertThat(PersonalDataModel.of(null).hasPersonalData()).isFalse();
    }

    @Test
    void givenAModel_whenAskedTwice_thenTheSameModelIsReturned() {
        assertThat(PersonalDataModel.of(CustomerRegisteredEvent.class))
                .isSameAs(PersonalDataModel.of(CustomerRegisteredEvent.class));
    }

    @Test
    void givenARecord_whenPersonalFieldsAreChanged_thenANewRecordCarriesThemAndEverythingElseIsKept() {
        CustomerRegisteredEvent original = ResidencyFixture.registered(customer);
        List<Field> visited = new ArrayList<>();

        Object changed = PersonalDataModel.of(CustomerRegisteredEvent.class).withPersonalFields(original,
                (field, value) -> {
                    visited.add(field);
                    return field.name() + ":" + value.length();
                });

        assertThat(changed).isEqualTo(new CustomerRegisteredEvent(customer,
                "name:" + ResidencyFixture.NAME.length(), "email:" + ResidencyFixture.EMAIL.length(),
                "phone:" + ResidencyFixture.PHONE.length(), ResidencyFixture.DOMICILE,
                ResidencyFixture.LANGUAGE));
        assertThat(visited).extracting(Field::name).containsExactly("name", "email", "phone");
        assertThat(original).isEqualTo(ResidencyFixture.registered(customer));
    }

    @Test
    void givenAnEventWithoutPersonalData_whenPersonalFieldsAreChanged_thenTheSameInstanceIsReturned() {
        IdentityVerifiedEvent event = new IdentityVerifiedEvent(customer, "claim-1", true);

        assertThat(PersonalDataModel.of(IdentityVerifiedEvent.class).withPersonalFields(event,
                (field, value) -> "changed")).isSameAs(event);
    }

    @Test
    void givenPersonalDataOnANonStringComponent_whenInspected_thenItFailsNamingTheComponent() {
        assertThatThrownBy(() -> PersonalDataModel.of(PersonalNumber.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(PersonalNumber.class.getName() + ".age")
                .hasMessageContaining("is @PersonalData but not a String");
    }

    @Test
    void givenPersonalDataWithoutASubject_whenInspected_thenItFailsSayingTheSubjectIsMissing() {
        assertThatThrownBy(() -> PersonalDataModel.of(NobodysData.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(NobodysData.class.getName())
                .hasMessageContaining("has personal data but no @DataSubject component");
    }

    @Test
    void givenAnErasureWithoutASubject_whenInspected_thenItFails() {
        assertThatThrownBy(() -> PersonalDataModel.of(ErasesNobody.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no @DataSubject component");
    }

    @Test
    void givenPersonalDataOnAClassThatIsNoRecord_whenInspected_thenItFails() {
        assertThatThrownBy(() -> PersonalDataModel.of(NotARecord.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declares personal data but is not a record");
    }

    @Test
    void givenALocalRecordWithAPersonalNullField_whenChanged_thenTheChangeSeesNull() {
        Object changed = PersonalDataModel.of(Note.class).withPersonalFields(new Note("s-1", null, "kept"),
                (field, value) -> value == null ? "was null" : value);

        assertThat(changed).isEqualTo(new Note("s-1", "was null", "kept"));
    }

    record PersonalNumber(@DataSubject String subject, @PersonalData int age) {
    }

    record NobodysData(String subject, @PersonalData(DataClass.SENSITIVE) String diagnosis) {
    }

    @ErasesDataSubject
    record ErasesNobody(String subject) {
    }

    static final class NotARecord {
        @PersonalData
        String name;
    }

    record Note(@DataSubject String subject, @PersonalData String text, String remark) {
    }
}
