package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.NotOwnerException;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipAssignedEvent;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.OwnershipResolver.ResolvedOwner;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.dao.DuplicateKeyException;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Runs where a command is handled, inside its transaction: refuses a command for an aggregate this region does not own
 * (or under a stale epoch), and for a creating command records this region's ownership and the
 * {@link OwnershipAssignedEvent} in the same transaction as the aggregate's first event.
 *
 * <p>The check's read locks the aggregate's ownership row until the transaction ends, and is the append's fence too
 * ({@link OwnerFencedEventStorageEngine} does not read it again): one statement per command for both, and no transfer
 * can commit between the check and the append. The lock is shared, or exclusive for commands that must take turns
 * at the owner (deliveries from other regions, which then lock the row exclusively themselves: taking a shared lock
 * first and upgrading it would deadlock two of them).
 */
public class OwnershipEnforcingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final OwnershipResolver resolver;
    private final JdbcOwnershipRegistry registry;
    private final EventBus eventBus;
    private final Clock clock;
    private final Predicate<CommandMessage<?>> takesTurns;
    private final WriteGate writes;

    public OwnershipEnforcingInterceptor(OwnershipResolver resolver, JdbcOwnershipRegistry registry, EventBus eventBus,
                                         Clock clock, Predicate<CommandMessage<?>> takesTurns, WriteGate writes) {
        this.resolver = resolver;
        this.registry = registry;
        this.eventBus = eventBus;
        this.clock = clock;
        this.takesTurns = takesTurns;
        this.writes = writes;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        CommandMessage<?> command = unitOfWork.getMessage();
        boolean exclusive = takesTurns.test(command);
        Optional<ResolvedOwner> resolved = resolver.resolve(command, id -> registry.lockForCommand(id, exclusive));
        if (resolved.isPresent()) {
            ResolvedOwner owner = resolved.get();
            Region local = resolver.localRegion();
            if (!owner.owner().equals(local)) {
                throw new NotOwnerException(owner.aggregateId(), local, owner.owner(), owner.creates()
                        ? "its " + owner.target().rule().describe() + " rule makes " + owner.owner() + " the owner"
                        : "it is owned by " + owner.owner() + " (epoch " + owner.epoch() + ")");
            }
            writes.check(owner.target().aggregateTypeName(), owner.aggregateId());
            if (owner.creates()) {
                assign(owner.newOwnership());
            } else {
                refuseStaleEpoch(command, owner);
            }
        }
        return chain.proceed();
    }

    private void assign(Ownership ownership) {
        try {
            registry.assign(ownership, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new AggregateStreamCreationException(
                    ownership.aggregateType() + " " + ownership.aggregateId() + " already exists");
        }
        eventBus.publish(GenericEventMessage.asEventMessage(OwnershipAssignedEvent.of(ownership)));
    }

    private static void refuseStaleEpoch(CommandMessage<?> command, ResolvedOwner owner) {
        Optional<Long> expected = OwnershipMetadata.epoch(command.getMetaData(), OwnershipMetadata.EXPECTED_EPOCH);
        if (expected.isPresent() && expected.get() != owner.epoch()) {
            throw new NotOwnerException(owner.aggregateId(), owner.owner(), owner.owner(),
                    "the command was routed under epoch " + expected.get() + ", the current epoch is " + owner.epoch());
        }
    }
}
