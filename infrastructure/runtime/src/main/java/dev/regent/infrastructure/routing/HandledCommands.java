package dev.regent.infrastructure.routing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The command names this region has handlers for, as they subscribe to the command bus: the only commands another
 * region may send it. Nothing is ever loaded by a name that arrives over the wire unless it is here.
 */
public final class HandledCommands {

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    public void subscribed(String commandName) {
        names.add(commandName);
    }

    public boolean handles(String commandName) {
        return commandName != null && names.contains(commandName);
    }
}
