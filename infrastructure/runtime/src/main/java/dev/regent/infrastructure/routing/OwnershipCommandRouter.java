package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.OwnershipResolver;
import dev.regent.infrastructure.ownership.OwnershipResolver.ResolvedOwner;
import dev.regent.infrastructure.region.RegentProperties;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.distributed.CommandMessageFilter;
import org.axonframework.commandhandling.distributed.CommandRouter;
import org.axonframework.commandhandling.distributed.Member;

import java.util.Optional;

/**
 * Routes every command to the region that owns its target aggregate. Commands that target no region-owned aggregate
 * stay where they are. Resolution failures (unknown id, unknown jurisdiction) propagate to the dispatcher.
 */
public class OwnershipCommandRouter implements CommandRouter {

    private final OwnershipResolver resolver;
    private final RegentProperties properties;

    public OwnershipCommandRouter(OwnershipResolver resolver, RegentProperties properties) {
        this.resolver = resolver;
        this.properties = properties;
    }

    @Override
    public Optional<Member> findDestination(CommandMessage<?> command) {
        Region local = resolver.localRegion();
        Optional<ResolvedOwner> resolved = resolver.resolve(command);
        Region owner = resolved.map(ResolvedOwner::owner).orElse(local);
        long epoch = resolved.map(ResolvedOwner::epoch).orElse(0L);
        return Optional.of(new RegionMember(owner, properties.urlsOf(owner).get(0), owner.equals(local), epoch));
    }

    @Override
    public void updateMembership(int loadFactor, CommandMessageFilter commandFilter) {
        // Every region handles every command type; ownership, not membership, decides the destination.
    }
}
