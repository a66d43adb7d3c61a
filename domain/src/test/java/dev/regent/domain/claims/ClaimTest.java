package dev.regent.domain.claims;

import dev.regent.domain.identity.CustomerId;
import dev.regent.domain.policy.PolicyId;
import dev.regent.domain.shared.MonetaryAmount;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

class ClaimTest {

    private final AggregateTestFixture<Claim> fixture = new AggregateTestFixture<>(Claim.class);

    @Test
    void givenNothing_whenFiled_thenClaimFiled() {
        ClaimId claimId = new ClaimId("clm-1");
        fixture.givenNoPriorActivity()
               .when(new FileClaimCommand(claimId, new PolicyId("pol-1"), new CustomerId("cust-1"),
                       new MonetaryAmount(new BigDecimal("1200")), "Burst pipe"))
               .expectEvents(new ClaimFiledEvent(claimId, new PolicyId("pol-1"), new CustomerId("cust-1"),
                       new BigDecimal("1200"), "Burst pipe"));
    }
}
