package dev.regent.insurer.policy;

import dev.regent.insurer.identity.CustomerId;
import dev.regent.domain.shared.MonetaryAmount;

import java.math.BigDecimal;

/** Test data for policies: one home-contents policy covering 50,000.00, and the claims that reserve part of it. */
public final class PolicyFixture {

    public static final PolicyId POLICY_ID = new PolicyId("pol-1");
    public static final CustomerId CUSTOMER_ID = new CustomerId("cust-1");
    /** A customer who does not hold the policy. */
    public static final CustomerId OTHER_CUSTOMER_ID = new CustomerId("cust-2");
    public static final BigDecimal COVERAGE_LIMIT = new BigDecimal("50000.00");
    public static final String CLAIM_1 = "clm-1";
    public static final String CLAIM_2 = "clm-2";

    private PolicyFixture() {
    }

    public static IssuePolicyCommand issuePolicy() {
        return new IssuePolicyCommand(POLICY_ID, CUSTOMER_ID, new ProductCode("HOME-CONTENTS"),
                MonetaryAmount.of("coverageLimit", COVERAGE_LIMIT));
    }

    public static PolicyIssuedEvent policyIssued() {
        return new PolicyIssuedEvent(POLICY_ID, CUSTOMER_ID, "HOME-CONTENTS", COVERAGE_LIMIT);
    }

    public static ReserveCoverageCommand reserve(String claimId, String amount) {
        return reserveFor(CUSTOMER_ID, claimId, amount);
    }

    public static ReserveCoverageCommand reserveFor(CustomerId claimant, String claimId, String amount) {
        return new ReserveCoverageCommand(POLICY_ID, claimId, claimant, new MonetaryAmount(new BigDecimal(amount)));
    }

    public static CoverageRefusedToNonHolderEvent refusedToNonHolder(CustomerId claimant, String claimId) {
        return new CoverageRefusedToNonHolderEvent(POLICY_ID, claimId, claimant);
    }

    public static CoverageReservedEvent reserved(String claimId, String amount, String remaining) {
        return new CoverageReservedEvent(POLICY_ID, claimId, new BigDecimal(amount), new BigDecimal(remaining));
    }

    public static CoverageReservationRejectedEvent reservationRejected(String claimId, String requested,
                                                                       String available) {
        return new CoverageReservationRejectedEvent(POLICY_ID, claimId, new BigDecimal(requested),
                new BigDecimal(available));
    }

    public static ReleaseCoverageCommand release(String claimId) {
        return new ReleaseCoverageCommand(POLICY_ID, claimId);
    }

    public static CoverageReleasedEvent released(String claimId, String amount) {
        return new CoverageReleasedEvent(POLICY_ID, claimId, new BigDecimal(amount));
    }

    public static ChangeCoverageLimitCommand changeLimit(String limit) {
        return new ChangeCoverageLimitCommand(POLICY_ID, MonetaryAmount.of("coverageLimit", new BigDecimal(limit)));
    }

    public static CoverageLimitChangedEvent limitChanged(String limit) {
        return new CoverageLimitChangedEvent(POLICY_ID, new BigDecimal(limit));
    }
}
