package dev.regent.insurer;

import dev.regent.insurer.support.RegentClient;
import dev.regent.insurer.support.RegentClient.Answer;
import dev.regent.insurer.support.ThreeRegions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;

import static dev.regent.insurer.support.InsurerFixture.customer;
import static dev.regent.insurer.support.ThreeRegions.EU;
import static dev.regent.insurer.support.ThreeRegions.US;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A change routed to a slow owner answers 202 PENDING instead of blocking; the request becomes APPLIED only once
 * the owner's event has come back through Kafka, and this region never shows the new value before that.
 */
class RoutedRequestPendingIT {

    private final RegentClient api = ThreeRegions.client();

    @Test
    void givenASlowOwner_whenTheContactIsChangedThroughEu_then202Pending_thenAppliedWithTheOwnersVersion()
            throws Exception {
        // A US customer: the policy shares US contact data with eu, so eu's replica shows the values themselves.
        String id = api.post(US, "/customers", customer("Jane Roe", "US")).text("customerId");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(EU, "/customers/" + id).status() == 200);
        Answer pending;
        try (Connection owner = ThreeRegions.region(US).database().dataSource().getConnection()) {
            // Slow PostgreSQL at the owner: its append waits for this lock on the customer's ownership row.
            owner.setAutoCommit(false);
            try (PreparedStatement lock = owner.prepareStatement(
                    "select * from regent_ownership where aggregate_id = ? for update")) {
                lock.setString(1, id);
                lock.executeQuery();
            }

            pending = api.put(EU, "/customers/" + id + "/contact", Map.of("email", "slow@example.com"));

            assertThat(pending.status()).isEqualTo(202);
            assertThat(pending.text("status")).isEqualTo("PENDING");
            String requestId = pending.text("requestId");
            assertThat(api.get(EU, "/requests/" + requestId).text("status")).isEqualTo("PENDING");
            assertThat(api.get(EU, "/customers/" + id).text("email")).as("never before the owner's event")
                    .isNotEqualTo("slow@example.com");
            owner.rollback();
        }

        String requestId = pending.text("requestId");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            Answer request = api.get(EU, "/requests/" + requestId);
            assertThat(request.text("status")).isEqualTo("APPLIED");
            assertThat(request.body().get("version").asLong()).isEqualTo(2);
            assertThat(request.text("ownerRegion")).isEqualTo(US);
            assertThat(request.text("command")).isEqualTo("ChangeCustomerContactCommand");
        });
        Answer customer = api.get(EU, "/customers/" + id);
        assertThat(customer.text("email")).isEqualTo("slow@example.com");
        assertThat(customer.body().get("version").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownRequestIsAProblem() {
        Answer unknown = api.get(US, "/requests/no-such-request");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }
}
