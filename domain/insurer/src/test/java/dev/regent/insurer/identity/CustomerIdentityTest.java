package dev.regent.insurer.identity;

import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.BusinessRuleViolation;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.regent.insurer.identity.CustomerFixture.CLAIM_ID;
import static dev.regent.insurer.identity.CustomerFixture.CUSTOMER_ID;
import static dev.regent.insurer.identity.CustomerFixture.SUSPENSION_REASON;
import static dev.regent.insurer.identity.CustomerFixture.claimsConsentGranted;
import static dev.regent.insurer.identity.CustomerFixture.claimsConsentWithdrawn;
import static dev.regent.insurer.identity.CustomerFixture.customerSuspended;
import static dev.regent.insurer.identity.CustomerFixture.frenchCustomerRegistered;
import static dev.regent.insurer.identity.CustomerFixture.grantClaimsConsent;
import static dev.regent.insurer.identity.CustomerFixture.registerFrenchCustomer;
import static dev.regent.insurer.identity.CustomerFixture.suspend;
import static dev.regent.insurer.identity.CustomerFixture.verificationFailedForClaim;
import static dev.regent.insurer.identity.CustomerFixture.verifiedForClaim;
import static dev.regent.insurer.identity.CustomerFixture.verifyForClaim;
import static dev.regent.insurer.identity.CustomerFixture.withdrawClaimsConsent;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CustomerIdentityTest {

    private AggregateTestFixture<CustomerIdentity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomerIdentity.class);
    }

    @Test
    void givenNothing_whenRegistered_thenCustomerRegisteredWithNormalisedDomicile() {
        fixture.givenNoPriorActivity()
               .when(registerFrenchCustomer())
               .expectSuccessfulHandlerExecution()
               .expectEvents(frenchCustomerRegistered());
    }

    @Test
    void givenRegistered_whenEmailChanged_thenFullContactIsRecordedAndVersionTwoAnswered() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, new EmailAddress("a.poulain@example.fr"), null))
               .expectEvents(new CustomerContactChangedEvent(CUSTOMER_ID, "a.poulain@example.fr", "+33 1 23 45 67 89"))
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenTheCustomerMovesAbroad_thenHerNewDomicileIsRecorded_asAChangeOfHome() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangeDomicileCommand(CUSTOMER_ID, new CountryCode("sg")))
               .expectEvents(new CustomerDomicileChangedEvent(CUSTOMER_ID, "SG"))
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenTheSameDomicileIsGivenAgain_thenNothingChanges() {
        fixture.given(frenchCustomerRegistered(), new CustomerDomicileChangedEvent(CUSTOMER_ID, "SG"))
               .when(new ChangeDomicileCommand(CUSTOMER_ID, new CountryCode("SG")))
               .expectNoEvents()
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenErased_whenTheDomicileChanges_thenItIsRefused() {
        fixture.given(frenchCustomerRegistered(), new PersonalDataErasedEvent(CUSTOMER_ID))
               .when(new ChangeDomicileCommand(CUSTOMER_ID, new CountryCode("SG")))
               .expectNoEvents()
               .expectException(dev.regent.domain.shared.BusinessRuleViolation.class);
    }

    // --- preferred language ---

    @Test
    void givenNothing_whenAnAmericanRegisters_thenSheIsServedInHerDomicilesLanguage() {
        fixture.givenNoPriorActivity()
               .when(new RegisterCustomerCommand(CUSTOMER_ID, new PersonName("Ada Byron"),
                       new EmailAddress("ada@example.com"), new PhoneNumber("+1 212 555 0100"), new CountryCode("US")))
               .expectEvents(new CustomerRegisteredEvent(CUSTOMER_ID, "Ada Byron", "ada@example.com",
                       "+1 212 555 0100", "US", "en"));
    }

    @Test
    void givenRegistered_whenAnotherLanguageIsPreferred_thenItIsRecordedAndVersionTwoAnswered() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangePreferredLanguageCommand(CUSTOMER_ID, new LanguageCode("EN")))
               .expectEvents(new PreferredLanguageChangedEvent(CUSTOMER_ID, "en"))
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenHerDomicilesLanguageIsPreferred_thenNothingChanges() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangePreferredLanguageCommand(CUSTOMER_ID, new LanguageCode("fr")))
               .expectNoEvents()
               .expectResultMessagePayload(1L);
    }

    @Test
    void givenMovedAbroad_whenHerFormerLanguageIsPreferred_thenNothingChanges_theLanguageDoesNotMoveWithHer() {
        fixture.given(frenchCustomerRegistered(), new CustomerDomicileChangedEvent(CUSTOMER_ID, "SG"))
               .when(new ChangePreferredLanguageCommand(CUSTOMER_ID, new LanguageCode("fr")))
               .expectNoEvents()
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenContactChangedToSameValues_thenNoEventAndVersionUnchanged() {
        fixture.given(frenchCustomerRegistered())
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, new EmailAddress("amelie@example.fr"),
                       new PhoneNumber("+33 1 23 45 67 89")))
               .expectNoEvents()
               .expectResultMessagePayload(1L);
    }

    @Test
    void givenTwoChanges_whenPhoneChanged_thenVersionCountsEveryEvent() {
        fixture.given(frenchCustomerRegistered(),
                       new CustomerContactChangedEvent(CUSTOMER_ID, "b@example.fr", "+33 1 23 45 67 89"))
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, null, new PhoneNumber("+33 6 00 00 00 00")))
               .expectEvents(new CustomerContactChangedEvent(CUSTOMER_ID, "b@example.fr", "+33 6 00 00 00 00"))
               .expectResultMessagePayload(3L);
    }

    // --- consent ---

    @Test
    void givenRegistered_whenClaimsConsentWithdrawn_thenConsentWithdrawnAndVersionTwoAnswered() {
        fixture.given(frenchCustomerRegistered())
               .when(withdrawClaimsConsent())
               .expectEvents(claimsConsentWithdrawn())
               .expectResultMessagePayload(2L);
    }

    @Test
    void givenRegistered_whenClaimsConsentGranted_thenNoEventAsItIsGrantedAtRegistration() {
        fixture.given(frenchCustomerRegistered())
               .when(grantClaimsConsent())
               .expectNoEvents()
               .expectResultMessagePayload(1L);
    }

    @Test
    void givenConsentWithdrawn_whenGrantedAgain_thenConsentGrantedAndVersionThreeAnswered() {
        fixture.given(frenchCustomerRegistered(), claimsConsentWithdrawn())
               .when(grantClaimsConsent())
               .expectEvents(claimsConsentGranted())
               .expectResultMessagePayload(3L);
    }

    @Test
    void givenConsentWithdrawn_whenWithdrawnAgain_thenNoEventAndVersionUnchanged() {
        fixture.given(frenchCustomerRegistered(), claimsConsentWithdrawn())
               .when(withdrawClaimsConsent())
               .expectNoEvents()
               .expectResultMessagePayload(2L);
    }

    // --- suspension ---

    @Test
    void givenRegistered_whenSuspended_thenCustomerSuspendedWithTheReason() {
        fixture.given(frenchCustomerRegistered())
               .when(suspend())
               .expectEvents(customerSuspended());
    }

    @Test
    void givenSuspended_whenSuspendedAgain_thenNoEvent() {
        fixture.given(frenchCustomerRegistered(), customerSuspended())
               .when(new SuspendCustomerCommand(CUSTOMER_ID, "another signal"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenNoReason_whenSuspensionRequested_thenRefusedNamingTheField() {
        assertThatThrownBy(() -> new SuspendCustomerCommand(CUSTOMER_ID, " "))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("reason");
    }

    // --- identity for a claim ---

    @Test
    void givenRegistered_whenVerifiedForClaim_thenVerifiedWithClaimsProcessingAllowed() {
        fixture.given(frenchCustomerRegistered())
               .when(verifyForClaim(CLAIM_ID))
               .expectEvents(verifiedForClaim(CLAIM_ID, true));
    }

    @Test
    void givenConsentWithdrawn_whenVerifiedForClaim_thenVerifiedWithClaimsProcessingNotAllowed() {
        fixture.given(frenchCustomerRegistered(), claimsConsentWithdrawn())
               .when(verifyForClaim(CLAIM_ID))
               .expectEvents(verifiedForClaim(CLAIM_ID, false));
    }

    @Test
    void givenConsentWithdrawnThenGrantedAgain_whenVerifiedForClaim_thenClaimsProcessingAllowed() {
        fixture.given(frenchCustomerRegistered(), claimsConsentWithdrawn(), claimsConsentGranted())
               .when(verifyForClaim(CLAIM_ID))
               .expectEvents(verifiedForClaim(CLAIM_ID, true));
    }

    @Test
    void givenSuspended_whenVerifiedForClaim_thenVerificationFailedWithTheSuspensionReason() {
        fixture.given(frenchCustomerRegistered(), customerSuspended())
               .when(verifyForClaim(CLAIM_ID))
               .expectEvents(new IdentityVerificationFailedEvent(CUSTOMER_ID, CLAIM_ID,
                       "customer suspended: " + SUSPENSION_REASON));
    }

    @Test
    void givenClaimAlreadyVerified_whenTheSameClaimAsksAgain_thenNoSecondEvent() {
        fixture.given(frenchCustomerRegistered(), verifiedForClaim(CLAIM_ID, true))
               .when(verifyForClaim(CLAIM_ID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenClaimVerifiedThenConsentWithdrawn_whenTheSameClaimAsksAgain_thenTheFirstAnswerStands() {
        fixture.given(frenchCustomerRegistered(), verifiedForClaim(CLAIM_ID, true), claimsConsentWithdrawn())
               .when(verifyForClaim(CLAIM_ID))
               .expectNoEvents();
    }

    @Test
    void givenClaimVerificationFailed_whenTheSameClaimAsksAgain_thenNoSecondEvent() {
        fixture.given(frenchCustomerRegistered(), customerSuspended(), verificationFailedForClaim(CLAIM_ID))
               .when(verifyForClaim(CLAIM_ID))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenOneClaimVerified_whenAnotherClaimAsks_thenThatClaimIsAnswered() {
        fixture.given(frenchCustomerRegistered(), verifiedForClaim(CLAIM_ID, true), claimsConsentWithdrawn())
               .when(verifyForClaim("clm-2"))
               .expectEvents(verifiedForClaim("clm-2", false));
    }

    @Test
    void givenRegistered_whenPersonalDataErased_thenErasedOnce_andNoLaterContactChange() {
        fixture.given(frenchCustomerRegistered())
               .when(new ErasePersonalDataCommand(CUSTOMER_ID))
               .expectEvents(new PersonalDataErasedEvent(CUSTOMER_ID));
        fixture.given(frenchCustomerRegistered(), new PersonalDataErasedEvent(CUSTOMER_ID))
               .when(new ErasePersonalDataCommand(CUSTOMER_ID))
               .expectNoEvents();
        fixture.given(frenchCustomerRegistered(), new PersonalDataErasedEvent(CUSTOMER_ID))
               .when(new ChangeCustomerContactCommand(CUSTOMER_ID, new EmailAddress("x@example.fr"), null))
               .expectNoEvents()
               .expectException(BusinessRuleViolation.class);
    }
}
