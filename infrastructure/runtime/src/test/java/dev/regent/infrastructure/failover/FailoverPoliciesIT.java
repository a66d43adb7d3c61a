package dev.regent.infrastructure.failover;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regent.insurer.identity.ChangeConsentCommand;
import dev.regent.insurer.identity.ChangeCustomerContactCommand;
import dev.regent.insurer.identity.ConsentPurpose;
import dev.regent.insurer.identity.CountryCode;
import dev.regent.insurer.identity.CustomerId;
import dev.regent.insurer.identity.EmailAddress;
import dev.regent.insurer.identity.PersonName;
import dev.regent.insurer.identity.PhoneNumber;
import dev.regent.insurer.identity.RegisterCustomerCommand;
import dev.regent.domain.ownership.FailoverPolicy;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.embedded.EmbeddedPostgresServer;
import dev.regent.infrastructure.residency.ResidencyFixture;
import dev.regent.infrastructure.routing.CommandWireFormat;
import dev.regent.infrastructure.routing.ForwardedCommand;
import dev.regent.infrastructure.routing.HandledCommands;
import dev.regent.infrastructure.routing.OwnerUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** What each policy keeps, in a real PostgreSQL with Regent's schema, and the order it keeps it in. */
class FailoverPoliciesIT {

    private static final Region EU = Region.of("eu");

    @TempDir
    static Path tempDir;

    private static EmbeddedPostgresServer postgres;
    private static JdbcTemplate jdbc;

    /** The requests as the region would show them: each call, in order. */
    private final List<String> shown = new ArrayList<>();
    private final CommandWireFormat wireFormat = new CommandWireFormat(JacksonSerializer.defaultSerializer(),
            handling(ChangeConsentCommand.class, ChangeCustomerContactCommand.class, RegisterCustomerCommand.class),
            List.of("dev.regent.insurer"));
    private final ObjectMapper json = new ObjectMapper();
    private final DeferredCommands deferred = new DeferredCommands(jdbc);
    private final FailoverPolicies policies = new FailoverPolicies(FailoverPolicy.REJECT, Map.of(), deferred,
            new RequestTracker() {
                @Override
                public void deferred(String requestId, String commandName, String aggregateId, Region owner,
                                     FailoverPolicy policy) {
                    shown.add(policy + " " + requestId);
                }

                @Override
                public void delivered(String requestId, String aggregateId, Object result) {
                    shown.add("DELIVERED " + requestId);
                }

                @Override
                public void refused(String requestId, String reason, String problem) {
                    shown.add("REFUSED " + requestId);
                }
            }, wireFormat, json, new TransactionTemplate(new DataSourceTransactionManager(postgres.dataSource())),
            Clock.systemUTC(), new SimpleMeterRegistry());

    @BeforeAll
    static void startPostgres() {
        postgres = ResidencyFixture.migratedPostgres("failover", tempDir.resolve("pg"));
        jdbc = new JdbcTemplate(postgres.dataSource());
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void reject_answersTheFailureNamingThePolicy_andKeepsNothing() {
        CustomerId customer = CustomerId.generate();
        CommandMessage<?> register = GenericCommandMessage.asCommandMessage(new RegisterCustomerCommand(customer,
                new PersonName("Refused"), new EmailAddress("r@example.fr"), new PhoneNumber("+33 1 00 00 00 00"),
                new CountryCode("FR")));

        Throwable answer = unavailable(register);

        assertThat(answer).isInstanceOf(OwnerUnavailableException.class);
        assertThat(((OwnerUnavailableException) answer).policy()).isEqualTo("REJECT");
        assertThat(deferred.hasWaiting(customer.value())).isFalse();
        assertThat(shown).isEmpty();
    }

    @Test
    void queue_keepsTheCommandWithItsId_andALaterOneForTheSameAggregateWaitsBehindIt() throws Exception {
        CustomerId customer = CustomerId.generate();
        CommandMessage<?> withdraw = consent(customer, false);
        CommandMessage<?> grant = consent(customer, true);
        CommandMessage<?> elsewhere = consent(CustomerId.generate(), false);

        Throwable answer = unavailable(withdraw);
        AtomicReference<Throwable> heldBack = new AtomicReference<>();
        boolean held = policies.holdsBack(grant, EU, (command, result) -> heldBack.set(result.exceptionResult()));

        assertThat(answer).isInstanceOf(CommandDeferredException.class);
        assertThat(((CommandDeferredException) answer).status()).isEqualTo("QUEUED");
        assertThat(held).isTrue();
        assertThat(heldBack.get()).isInstanceOf(CommandDeferredException.class);
        assertThat(policies.holdsBack(elsewhere, EU, (command, result) -> { })).as("another aggregate").isFalse();
        List<DeferredCommand> waiting = deferred.waiting(100).stream()
                .filter(kept -> kept.aggregateId().equals(customer.value())).toList();
        assertThat(waiting).extracting(DeferredCommand::requestId)
                .containsExactly(withdraw.getIdentifier(), grant.getIdentifier());
        assertThat(wireFormat.fromWire(json.readValue(waiting.get(0).command(), ForwardedCommand.class)).getPayload())
                .isEqualTo(withdraw.getPayload());
        assertThat(shown).containsExactly("QUEUE " + withdraw.getIdentifier(), "QUEUE " + grant.getIdentifier());
    }

    @Test
    void capture_keepsAProvisionalChangeStampedWithItsCaptureTime() throws Exception {
        CustomerId customer = CustomerId.generate();
        CommandMessage<?> change = GenericCommandMessage.asCommandMessage(new ChangeCustomerContactCommand(customer,
                new EmailAddress("captured@example.fr"), null));

        Throwable answer = unavailable(change);

        assertThat(((CommandDeferredException) answer).status()).isEqualTo("CAPTURED");
        List<DeferredCommand> provisional = deferred.provisional(customer.value());
        assertThat(provisional).hasSize(1);
        CommandMessage<?> kept = wireFormat.fromWire(json.readValue(provisional.get(0).command(),
                ForwardedCommand.class));
        assertThat(kept.getMetaData()).containsKey(FailoverPolicies.CAPTURED_AT);
        assertThat(kept.getIdentifier()).isEqualTo(change.getIdentifier());

        deferred.settle(provisional.get(0).seq(), DeferredCommands.DELIVERED, null);

        assertThat(deferred.provisional(customer.value())).isEmpty();
        assertThat(jdbc.queryForObject("select command from regent_deferred_command where request_id = ?",
                String.class, change.getIdentifier())).as("content dropped once settled").isNull();
    }

    private static CommandMessage<?> consent(CustomerId customer, boolean granted) {
        return GenericCommandMessage.asCommandMessage(new ChangeConsentCommand(customer,
                ConsentPurpose.CLAIMS_PROCESSING, granted));
    }

    private Throwable unavailable(CommandMessage<?> command) {
        AtomicReference<CommandResultMessage<?>> answer = new AtomicReference<>();
        policies.onOwnerUnavailable(command, new OwnerUnavailableException(EU, command.getCommandName(),
                new ConnectException("refused")), (message, result) -> answer.set(result));
        return answer.get().exceptionResult();
    }

    private static HandledCommands handling(Class<?>... commands) {
        HandledCommands handled = new HandledCommands();
        for (Class<?> command : commands) {
            handled.subscribed(command.getName());
        }
        return handled;
    }
}
