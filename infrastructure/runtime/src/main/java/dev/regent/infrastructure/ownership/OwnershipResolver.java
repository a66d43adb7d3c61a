package dev.regent.infrastructure.ownership;

import dev.regent.domain.ownership.JurisdictionMap;
import dev.regent.domain.ownership.Ownership;
import dev.regent.domain.ownership.OwnershipMetadata;
import dev.regent.domain.ownership.OwnershipRegistry;
import dev.regent.domain.ownership.Region;
import dev.regent.domain.ownership.UnresolvableOwnershipException;
import dev.regent.infrastructure.ownership.OwnedAggregateCatalog.CommandTarget;
import dev.regent.infrastructure.ownership.OwnedAggregateCatalog.Creation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;

import java.util.Optional;
import java.util.function.Function;

/**
 * Decides which region owns the aggregate a command targets: by the aggregate's rule when the command creates it, by
 * the registry otherwise. Used both where a command is dispatched (to route it) and where it is handled (to refuse it
 * if this region is not the owner).
 */
public class OwnershipResolver {

    /** The owner of a command's target. {@code epoch} is 0 for an aggregate the command is about to create. */
    public record ResolvedOwner(String aggregateId, CommandTarget target, Region owner, long epoch) {

        public boolean creates() {
            return epoch == 0;
        }

        public Ownership newOwnership() {
            return new Ownership(aggregateId, target.aggregateTypeName(), owner, Ownership.FIRST_EPOCH,
                    target.rule().describe());
        }
    }

    private final Region localRegion;
    private final OwnedAggregateCatalog catalog;
    private final OwnershipRegistry registry;
    private final JurisdictionMap jurisdictions;
    private final RoutingStrategy routingStrategy = AnnotationRoutingStrategy.defaultStrategy();
    private final Counter resolutionFailures;

    public OwnershipResolver(Region localRegion, OwnedAggregateCatalog catalog, OwnershipRegistry registry,
                             JurisdictionMap jurisdictions, MeterRegistry meters) {
        this.localRegion = localRegion;
        this.catalog = catalog;
        this.registry = registry;
        this.jurisdictions = jurisdictions;
        this.resolutionFailures = Counter.builder("regent.ownership.resolution.failures")
                .description("Commands whose target aggregate no region is known to own")
                .register(meters);
    }

    /**
     * @return empty when the command targets no region-owned aggregate (it is then handled where it arrives)
     * @throws UnresolvableOwnershipException when the aggregate is not known to any region (counted)
     * @throws dev.regent.domain.ownership.UnknownJurisdictionException when a HOME attribute maps to no region
     */
    public Optional<ResolvedOwner> resolve(CommandMessage<?> command) {
        return resolve(command, registry::find);
    }

    /**
     * As {@link #resolve(CommandMessage)}, reading a known aggregate's ownership with {@code lookup} (e.g. a locking
     * read, where the command is handled).
     */
    public Optional<ResolvedOwner> resolve(CommandMessage<?> command,
                                           Function<String, Optional<Ownership>> lookup) {
        Optional<CommandTarget> target = catalog.targetOf(command.getCommandName());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        String aggregateId = routingStrategy.getRoutingKey(command);
        Creation creation = target.get().creation();
        Optional<Ownership> known = creation == Creation.ALWAYS ? Optional.empty() : lookup.apply(aggregateId);
        if (known.isPresent()) {
            return Optional.of(new ResolvedOwner(aggregateId, target.get(), known.get().owner(), known.get().epoch()));
        }
        if (creation == Creation.NEVER) {
            resolutionFailures.increment();
            throw new UnresolvableOwnershipException(aggregateId);
        }
        Region accepted = OwnershipMetadata.region(command.getMetaData(), OwnershipMetadata.ACCEPTED_REGION)
                .orElse(localRegion);
        Region owner = target.get().rule().ownerFor(command.getPayload(), accepted, jurisdictions);
        return Optional.of(new ResolvedOwner(aggregateId, target.get(), owner, 0));
    }

    public Region localRegion() {
        return localRegion;
    }
}
