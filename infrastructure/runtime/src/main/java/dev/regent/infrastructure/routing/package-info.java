/**
 * Ownership-aware command routing on Axon's {@link org.axonframework.commandhandling.distributed.DistributedCommandBus}:
 * {@link dev.regent.infrastructure.routing.OwnershipCommandRouter} picks the owner region as destination,
 * {@link dev.regent.infrastructure.routing.HttpCommandBusConnector} handles locally or forwards to the owner over
 * HTTP, and {@link dev.regent.infrastructure.routing.CommandForwardingEndpoint} receives forwarded commands. When the
 * owner does not answer in time, the {@link dev.regent.infrastructure.routing.OwnerUnavailablePolicy} decides.
 */
package dev.regent.infrastructure.routing;
