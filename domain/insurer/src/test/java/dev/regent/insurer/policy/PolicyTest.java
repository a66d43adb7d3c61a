package dev.regent.insurer.policy;

import dev.regent.domain.shared.BusinessRuleViolation;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static dev.regent.insurer.policy.PolicyFixture.CLAIM_1;
import static dev.regent.insurer.policy.PolicyFixture.changeLimit;
import static dev.regent.insurer.policy.PolicyFixture.limitChanged;
import static dev.regent.insurer.policy.PolicyFixture.CLAIM_2;
import static dev.regent.insurer.policy.PolicyFixture.OTHER_CUSTOMER_ID;
import static dev.regent.insurer.policy.PolicyFixture.issuePolicy;
import static dev.regent.insurer.policy.PolicyFixture.policyIssued;
import static dev.regent.insurer.policy.PolicyFixture.release;
import static dev.regent.insurer.policy.PolicyFixture.released;
import static dev.regent.insurer.policy.PolicyFixture.refusedToNonHolder;
import static dev.regent.insurer.policy.PolicyFixture.reservationRejected;
import static dev.regent.insurer.policy.PolicyFixture.reserve;
import static dev.regent.insurer.policy.PolicyFixture.reserveFor;
import static dev.regent.insurer.policy.PolicyFixture.reserved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    private final AggregateTestFixture<Policy> fixture = new AggregateTestFixture<>(Policy.class);

    @Test
    void givenNothing_whenIssued_thenPolicyIssued() {
        fixture.givenNoPriorActivity()
               .when(issuePolicy())
               .expectEvents(policyIssued());
    }

    @Test
    void coverageLimitMustBePositiveAndNamesItsField() {
        assertThatThrownBy(() -> MonetaryAmount.of("coverageLimit", new BigDecimal("-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("coverageLimit: must be positive, was -1");
        assertThatThrownBy(() -> MonetaryAmount.of("coverageLimit", new BigDecimal("1.001")))
                .hasMessageContaining("two decimals");
    }

    @Test
    void amountsAreBoundedAndNeverWrittenOutInFull() {
        assertThat(MonetaryAmount.of("amount", new BigDecimal("9999999999999999.99")).value())
                .isEqualByComparingTo("9999999999999999.99");
        assertThat(MonetaryAmount.of("amount", new BigDecimal("1.500")).value()).isEqualByComparingTo("1.5");
        assertThatThrownBy(() -> MonetaryAmount.of("amount", new BigDecimal("10000000000000000")))
                .hasMessage("amount: must be at most 9999999999999999.99");
        assertThatThrownBy(() -> MonetaryAmount.of("coverageLimit", new BigDecimal("1E+5000")))
                .hasMessage("coverageLimit: must be at most 9999999999999999.99");
        assertThatThrownBy(() -> MonetaryAmount.of("amount", new BigDecimal("-1E+5000")))
                .hasMessage("amount: must be positive, was a number too long to show");
        assertThatThrownBy(() -> MonetaryAmount.of("amount", new BigDecimal("1E-5000")))
                .hasMessage("amount: has more than two decimals: a number too long to show");
    }

    // --- endorsing ---

    @Test
    void givenIssued_whenTheLimitChanges_thenLimitChanged_andReservationsCountAgainstTheNewLimit() {
        fixture.given(policyIssued(), limitChanged("60000.00"))
               .when(reserve(CLAIM_1, "55000.00"))
               .expectEvents(reserved(CLAIM_1, "55000.00", "5000.00"));
        fixture.given(policyIssued())
               .when(changeLimit("60000.00"))
               .expectEvents(limitChanged("60000.00"));
    }

    @Test
    void givenReserved_whenTheLimitWouldGoBelowWhatIsReserved_thenRefused_andTheSameLimitChangesNothing() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "40000.00", "10000.00"))
               .when(changeLimit("30000.00"))
               .expectException(BusinessRuleViolation.class)
               .expectNoEvents();
        fixture.given(policyIssued())
               .when(changeLimit("50000.00"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- reserving ---

    @Test
    void givenIssued_whenReservedWithinTheLimit_thenReservedWithTheRemainingCoverage() {
        fixture.given(policyIssued())
               .when(reserve(CLAIM_1, "1200.00"))
               .expectEvents(reserved(CLAIM_1, "1200.00", "48800.00"));
    }

    @Test
    void givenIssued_whenReservedExactlyTheLimit_thenReservedWithNothingRemaining() {
        fixture.given(policyIssued())
               .when(reserve(CLAIM_1, "50000.00"))
               .expectEvents(reserved(CLAIM_1, "50000.00", "0.00"));
    }

    @Test
    void givenIssued_whenReservedOverTheLimit_thenRejectedWithTheWholeLimitAvailable() {
        fixture.given(policyIssued())
               .when(reserve(CLAIM_1, "50000.01"))
               .expectEvents(reservationRejected(CLAIM_1, "50000.01", "50000.00"));
    }

    @Test
    void givenIssued_whenACustomerWhoIsNotTheHolderReserves_thenRefusedAndNothingReserved() {
        fixture.given(policyIssued())
               .when(reserveFor(OTHER_CUSTOMER_ID, CLAIM_1, "100.00"))
               .expectEvents(refusedToNonHolder(OTHER_CUSTOMER_ID, CLAIM_1));
    }

    @Test
    void givenRefusedToNonHolder_whenTheSameClaimAsksAgain_thenTheFirstAnswerStands() {
        fixture.given(policyIssued(), refusedToNonHolder(OTHER_CUSTOMER_ID, CLAIM_1))
               .when(reserveFor(OTHER_CUSTOMER_ID, CLAIM_1, "100.00"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenRefusedToNonHolder_whenTheHolderClaims_thenTheWholeLimitIsStillAvailable() {
        fixture.given(policyIssued(), refusedToNonHolder(OTHER_CUSTOMER_ID, CLAIM_1))
               .when(reserve(CLAIM_2, "50000.00"))
               .expectEvents(reserved(CLAIM_2, "50000.00", "0.00"));
    }

    @Test
    void givenEarlierReservation_whenReservedWithinWhatRemains_thenRemainingAccountsForBoth() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "40000.00", "10000.00"))
               .when(reserve(CLAIM_2, "4000.00"))
               .expectEvents(reserved(CLAIM_2, "4000.00", "6000.00"));
    }

    @Test
    void givenEarlierReservation_whenReservedOverWhatRemains_thenRejectedWithWhatIsAvailable() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "40000.00", "10000.00"))
               .when(reserve(CLAIM_2, "12000.00"))
               .expectEvents(reservationRejected(CLAIM_2, "12000.00", "10000.00"));
    }

    @Test
    void givenReserved_whenTheSameClaimReservesAgain_thenNoEvent() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "1200.00", "48800.00"))
               .when(reserve(CLAIM_1, "1200.00"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenRejected_whenTheSameClaimAsksAgainAfterCoverageFreedUp_thenTheFirstAnswerStands() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "40000.00", "10000.00"),
                       reservationRejected(CLAIM_2, "12000.00", "10000.00"), released(CLAIM_1, "40000.00"))
               .when(reserve(CLAIM_2, "12000.00"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    // --- releasing ---

    @Test
    void givenReserved_whenReleased_thenReleasedWithTheReservedAmount() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "1200.00", "48800.00"))
               .when(release(CLAIM_1))
               .expectEvents(released(CLAIM_1, "1200.00"));
    }

    @Test
    void givenReleased_whenReleasedAgain_thenNoEvent() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "1200.00", "48800.00"), released(CLAIM_1, "1200.00"))
               .when(release(CLAIM_1))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenIssued_whenAnUnknownClaimIsReleased_thenNoEventAndNoError() {
        fixture.given(policyIssued())
               .when(release(CLAIM_1))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenReservationRejected_whenReleased_thenNoEvent() {
        fixture.given(policyIssued(), reservationRejected(CLAIM_1, "50000.01", "50000.00"))
               .when(release(CLAIM_1))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void givenReservationReleased_whenAnotherClaimReserves_thenTheReleasedCoverageIsAvailableAgain() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "40000.00", "10000.00"), released(CLAIM_1, "40000.00"))
               .when(reserve(CLAIM_2, "45000.00"))
               .expectEvents(reserved(CLAIM_2, "45000.00", "5000.00"));
    }

    @Test
    void givenReservationReleased_whenTheSameClaimReservesAgain_thenNoEventAsEachClaimIsAnsweredOnce() {
        fixture.given(policyIssued(), reserved(CLAIM_1, "1200.00", "48800.00"), released(CLAIM_1, "1200.00"))
               .when(reserve(CLAIM_1, "1200.00"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }
}
