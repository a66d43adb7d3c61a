package dev.regent.infrastructure.failover;

import dev.regent.insurer.identity.ChangeConsentCommand;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.SuspendCustomerCommand;
import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.insurer.policy.PolicyId;
import dev.regent.insurer.policy.ReleaseCoverageCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which policy applies to a command: configuration, then the command type's declaration, then the default. */
class FailoverPoliciesTest {

    private static final CustomerId CUSTOMER = CustomerId.generate();

    @Test
    void aCommandTypeGetsWhatItDeclares_orTheDefault() {
        FailoverPolicies policies = policies(FailoverPolicy.REJECT, Map.of());

        assertThat(policies.policyFor(command(new ChangeConsentCommand(CUSTOMER, ConsentPurpose.CLAIMS_PROCESSING,
                false)))).isEqualTo(FailoverPolicy.QUEUE);
        assertThat(policies.policyFor(command(contactChange()))).isEqualTo(FailoverPolicy.CAPTURE);
        assertThat(policies.policyFor(command(new ReleaseCoverageCommand(PolicyId.generate(), "claim-1"))))
                .isEqualTo(FailoverPolicy.REJECT);
    }

    @Test
    void configurationOverridesTheDeclaration_bySimpleOrFullName_andSetsTheDefault() {
        FailoverPolicies policies = policies(FailoverPolicy.QUEUE, Map.of(
                "ChangeCustomerContactCommand", FailoverPolicy.REJECT,
                SuspendCustomerCommand.class.getName(), FailoverPolicy.CAPTURE));

        assertThat(policies.policyFor(command(contactChange()))).isEqualTo(FailoverPolicy.REJECT);
        assertThat(policies.policyFor(command(new SuspendCustomerCommand(CUSTOMER, "fraud"))))
                .isEqualTo(FailoverPolicy.CAPTURE);
        assertThat(policies.policyFor(command(new ReleaseCoverageCommand(PolicyId.generate(), "claim-1"))))
                .isEqualTo(FailoverPolicy.QUEUE);
    }

    @Test
    void theDeliveryOfAKeptCommandIsNeverKeptAgain() {
        FailoverPolicies policies = policies(FailoverPolicy.QUEUE, Map.of());

        CommandMessage<?> delivery = command(contactChange()).andMetaData(Map.of(FailoverPolicies.DELIVERY, "CAPTURE"));

        assertThat(policies.policyFor(delivery)).isEqualTo(FailoverPolicy.REJECT);
    }

    private static ChangeCustomerContactCommand contactChange() {
        return new ChangeCustomerContactCommand(CUSTOMER, new EmailAddress("a@example.fr"), null);
    }

    private static CommandMessage<?> command(Object payload) {
        return GenericCommandMessage.asCommandMessage(payload);
    }

    /** Only resolution is exercised here: keeping and delivering are proven end to end (OwnerOutageFailoverIT). */
    private static FailoverPolicies policies(FailoverPolicy defaultPolicy, Map<String, FailoverPolicy> configured) {
        return new FailoverPolicies(defaultPolicy, configured, null, null, null, null, null, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }
}
