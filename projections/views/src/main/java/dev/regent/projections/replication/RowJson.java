package dev.regent.projections.replication;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A view's states as stored JSON. Writing refuses, before any statement is sent, a state the view could not read back
 * (a number longer than Jackson reads), that PostgreSQL would silently alter (an unpaired surrogate becomes
 * {@code ?}) or cannot hold (a NUL); reading turns any failure into an {@link UnreadableRowException} that names the
 * row, not its contents.
 */
final class RowJson<V> {

    private final String viewName;
    private final Class<V> viewType;
    private final ObjectMapper json;

    RowJson(String viewName, Class<V> viewType, ObjectMapper json) {
        this.viewName = viewName;
        this.viewType = viewType;
        this.json = json;
    }

    /** The canonical JSON of {@code state}, checked storable; one parse of a small document is the whole cost. */
    String storable(String aggregateId, V state) {
        String text;
        try {
            text = json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new StorageFailedException(viewName, aggregateId, "its state cannot be written as JSON ("
                    + e.getOriginalMessage() + ")");
        }
        int surrogate = unpairedSurrogate(text);
        if (surrogate >= 0) {
            throw new StorageFailedException(viewName, aggregateId, "its state holds an unpaired UTF-16 surrogate "
                    + "at character " + surrogate + ", which PostgreSQL cannot store as text");
        }
        if (escapedNul(text)) {
            throw new StorageFailedException(viewName, aggregateId, "its state holds a NUL character, which "
                    + "PostgreSQL cannot store as text");
        }
        try {
            json.readValue(text, viewType);
        } catch (StreamConstraintsException e) {
            throw new StorageFailedException(viewName, aggregateId, "its state would not read back ("
                    + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            // Jackson's other messages may quote the value: say only what failed.
            throw new StorageFailedException(viewName, aggregateId, "its state would not read back as a "
                    + viewType.getSimpleName());
        }
        return text;
    }

    V read(String aggregateId, String text) {
        try {
            return json.readValue(text, viewType);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new UnreadableRowException(viewName, aggregateId, e);
        }
    }

    /** Whether the JSON holds the escape {@code \\u0000} (not a literal backslash followed by "u0000"). */
    static boolean escapedNul(String text) {
        for (int at = text.indexOf("u0000"); at >= 0; at = text.indexOf("u0000", at + 1)) {
            int backslashes = 0;
            while (at - backslashes - 1 >= 0 && text.charAt(at - backslashes - 1) == '\\') {
                backslashes++;
            }
            if (backslashes % 2 == 1) {
                return true;
            }
        }
        return false;
    }

    /** The index of the first surrogate without its pair, or -1. */
    static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
