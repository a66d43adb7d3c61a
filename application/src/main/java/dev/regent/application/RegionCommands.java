package dev.regent.application;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.ownership.OwnershipResolver;
import dev.regent.infrastructure.ownership.OwnershipResolver.ResolvedOwner;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends commands through Axon's (distributed) command bus, which routes each to its owner region, and tells callers
 * which region owns what they create.
 */
@Component
public class RegionCommands {

    private final CommandGateway commandGateway;
    private final OwnershipResolver ownershipResolver;

    public RegionCommands(CommandGateway commandGateway, OwnershipResolver ownershipResolver) {
        this.commandGateway = commandGateway;
        this.ownershipResolver = ownershipResolver;
    }

    /** Sends a creating command to the region its aggregate's rule designates, and answers that region. */
    public Region create(Object creationCommand) {
        Region owner = ownershipResolver.resolve(GenericCommandMessage.asCommandMessage(creationCommand))
                .map(ResolvedOwner::owner)
                .orElseThrow(() -> new IllegalArgumentException(
                        creationCommand.getClass().getSimpleName() + " creates no region-owned aggregate"));
        commandGateway.sendAndWait(creationCommand);
        return owner;
    }

    /** Sends a command to its aggregate's owner and answers the owner's result. */
    public <R> R send(Object command) {
        return commandGateway.sendAndWait(command);
    }
}
