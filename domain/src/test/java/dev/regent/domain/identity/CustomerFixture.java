package dev.regent.domain.identity;

/** Test data for customer identities. */
public final class CustomerFixture {

    public static final CustomerId CUSTOMER_ID = new CustomerId("cust-1");

    private CustomerFixture() {
    }

    public static RegisterCustomerCommand registerFrenchCustomer() {
        return new RegisterCustomerCommand(CUSTOMER_ID, new PersonName("Amélie Poulain"),
                new EmailAddress("amelie@example.fr"), new PhoneNumber("+33 1 23 45 67 89"), new CountryCode("fr"));
    }

    public static CustomerRegisteredEvent frenchCustomerRegistered() {
        return new CustomerRegisteredEvent(CUSTOMER_ID, "Amélie Poulain", "amelie@example.fr", "+33 1 23 45 67 89",
                "FR");
    }
}
