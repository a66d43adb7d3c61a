package dev.regent.domain.policy;

import dev.regent.domain.identity.CustomerId;
import dev.regent.domain.shared.InvalidValueException;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyTest {

    private final AggregateTestFixture<Policy> fixture = new AggregateTestFixture<>(Policy.class);

    @Test
    void givenNothing_whenIssued_thenPolicyIssued() {
        PolicyId policyId = new PolicyId("pol-1");
        CustomerId customerId = new CustomerId("cust-1");
        fixture.givenNoPriorActivity()
               .when(new IssuePolicyCommand(policyId, customerId, new ProductCode("HOME-CONTENTS"),
                       MonetaryAmount.of("coverageLimit", new BigDecimal("50000.00"))))
               .expectEvents(new PolicyIssuedEvent(policyId, customerId, "HOME-CONTENTS", new BigDecimal("50000.00")));
    }

    @Test
    void coverageLimitMustBePositiveAndNamesItsField() {
        assertThatThrownBy(() -> MonetaryAmount.of("coverageLimit", new BigDecimal("-1")))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage("coverageLimit: must be positive, was -1");
        assertThatThrownBy(() -> MonetaryAmount.of("coverageLimit", new BigDecimal("1.001")))
                .hasMessageContaining("two decimals");
    }
}
