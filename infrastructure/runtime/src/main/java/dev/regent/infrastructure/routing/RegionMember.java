package dev.regent.infrastructure.routing;

import dev.regent.domain.ownership.Region;
import org.axonframework.commandhandling.distributed.Member;

import java.net.URI;
import java.util.Optional;

/**
 * A destination for one command: the owner region, its first instance's peer URL (the peer client picks the
 * instance) and the owner epoch the router resolved ({@code 0} when the command creates the aggregate).
 */
public record RegionMember(Region region, URI baseUrl, boolean local, long expectedEpoch) implements Member {

    @Override
    public String name() {
        return region.name();
    }

    @Override
    public <T> Optional<T> getConnectionEndpoint(Class<T> protocol) {
        return protocol.isInstance(baseUrl) ? Optional.of(protocol.cast(baseUrl)) : Optional.empty();
    }

    @Override
    public void suspect() {
        // Membership is configuration, not discovery: a failing owner stays the owner.
    }
}
