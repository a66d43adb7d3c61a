package dev.regent.insurer.identity;

/** Test data for customer identities. */
public final class CustomerFixture {

    public static final CustomerId CUSTOMER_ID = new CustomerId("cust-1");
    /** A claim the customer's identity is asked about. */
    public static final String CLAIM_ID = "clm-1";
    public static final String SUSPENSION_REASON = "fraud signal";

    private CustomerFixture() {
    }

    public static RegisterCustomerCommand registerFrenchCustomer() {
        return new RegisterCustomerCommand(CUSTOMER_ID, new PersonName("Amélie Poulain"),
                new EmailAddress("amelie@example.fr"), new PhoneNumber("+33 1 23 45 67 89"), new CountryCode("fr"));
    }

    public static CustomerRegisteredEvent frenchCustomerRegistered() {
        return new CustomerRegisteredEvent(CUSTOMER_ID, "Amélie Poulain", "amelie@example.fr", "+33 1 23 45 67 89",
                "FR", "fr");
    }

    public static ChangeConsentCommand withdrawClaimsConsent() {
        return new ChangeConsentCommand(CUSTOMER_ID, ConsentPurpose.CLAIMS_PROCESSING, false);
    }

    public static ChangeConsentCommand grantClaimsConsent() {
        return new ChangeConsentCommand(CUSTOMER_ID, ConsentPurpose.CLAIMS_PROCESSING, true);
    }

    public static ConsentWithdrawnEvent claimsConsentWithdrawn() {
        return new ConsentWithdrawnEvent(CUSTOMER_ID, ConsentPurpose.CLAIMS_PROCESSING);
    }

    public static ConsentGrantedEvent claimsConsentGranted() {
        return new ConsentGrantedEvent(CUSTOMER_ID, ConsentPurpose.CLAIMS_PROCESSING);
    }

    public static SuspendCustomerCommand suspend() {
        return new SuspendCustomerCommand(CUSTOMER_ID, SUSPENSION_REASON);
    }

    public static CustomerSuspendedEvent customerSuspended() {
        return new CustomerSuspendedEvent(CUSTOMER_ID, SUSPENSION_REASON);
    }

    public static VerifyIdentityForClaimCommand verifyForClaim(String claimId) {
        return new VerifyIdentityForClaimCommand(CUSTOMER_ID, claimId);
    }

    public static IdentityVerifiedEvent verifiedForClaim(String claimId, boolean claimsProcessingAllowed) {
        return new IdentityVerifiedEvent(CUSTOMER_ID, claimId, claimsProcessingAllowed);
    }

    public static IdentityVerificationFailedEvent verificationFailedForClaim(String claimId) {
        return new IdentityVerificationFailedEvent(CUSTOMER_ID, claimId, "customer suspended: " + SUSPENSION_REASON);
    }
}
