package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.OwnershipRule;
import dev.regent.domain.ownership.OwnershipRules;
import org.axonframework.commandhandling.CommandMessageHandlingMember;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.modelling.command.inspection.CreationPolicyMember;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which aggregate handles each command, under which ownership rule, and whether the command creates it. Read from
 * Axon's own aggregate meta-model, so it sees exactly the handlers Axon will invoke (entity members included).
 */
public class OwnedAggregateCatalog {

    /** Whether a command creates its aggregate: always, only when the id is not known yet, or never. */
    public enum Creation { ALWAYS, IF_MISSING, NEVER }

    /** A command's target: the aggregate type, its ownership rule and whether the command creates an instance. */
    public record CommandTarget(Class<?> aggregateType, OwnershipRule rule, Creation creation) {

        public String aggregateTypeName() {
            return aggregateType.getSimpleName();
        }
    }

    private final Map<String, CommandTarget> targetsByCommandName = new LinkedHashMap<>();

    /**
     * @throws IllegalStateException when an aggregate declares no (or several) ownership rules, or two aggregates
     *                               handle the same command
     */
    public OwnedAggregateCatalog(Collection<Class<?>> aggregateTypes) {
        aggregateTypes.forEach(this::register);
    }

    private <T> void register(Class<T> aggregateType) {
        OwnershipRule rule = OwnershipRules.of(aggregateType);
        AggregateModel<T> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(aggregateType);
        model.commandHandlers(aggregateType).forEach(member -> {
            String commandName = member.unwrap(CommandMessageHandlingMember.class)
                    .map(CommandMessageHandlingMember::commandName)
                    .orElseGet(() -> member.payloadType().getName());
            CommandTarget target = new CommandTarget(aggregateType, rule, creation(member));
            CommandTarget previous = targetsByCommandName.putIfAbsent(commandName, target);
            if (previous != null && !previous.aggregateType().equals(aggregateType)) {
                throw new IllegalStateException("Command " + commandName + " is handled by two aggregates: "
                        + previous.aggregateType().getName() + " and " + aggregateType.getName());
            }
        });
    }

    private static Creation creation(MessageHandlingMember<?> member) {
        boolean factory = member.unwrap(CommandMessageHandlingMember.class)
                .map(CommandMessageHandlingMember::isFactoryHandler).orElse(false);
        AggregateCreationPolicy policy = member.unwrap(CreationPolicyMember.class)
                .map(CreationPolicyMember::creationPolicy).orElse(AggregateCreationPolicy.NEVER);
        if (factory || policy == AggregateCreationPolicy.ALWAYS) {
            return Creation.ALWAYS;
        }
        return policy == AggregateCreationPolicy.CREATE_IF_MISSING ? Creation.IF_MISSING : Creation.NEVER;
    }

    public Optional<CommandTarget> targetOf(String commandName) {
        return Optional.ofNullable(targetsByCommandName.get(commandName));
    }

    public Map<String, CommandTarget> targets() {
        return Map.copyOf(targetsByCommandName);
    }
}
