package dev.regent.infrastructure.residency;

import dev.regent.domain.ownership.Region;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.crypto.SecretKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The share keys other regions granted this one, asked for once per subject and kept in this region's database
 * wrapped with its master key (and the most recent in memory). An owner's erasure, arriving as an event, shreds the
 * grant here too: the values sealed under it in this region's Kafka log can no longer be read anywhere.
 */
public class GrantedKeys {

    private static final Logger log = LoggerFactory.getLogger(GrantedKeys.class);
    private static final int REMEMBERED = 10_000;

    private final JdbcTemplate jdbc;
    private final SecretKey masterKey;
    private final ShareKeyGrants owners;
    private final Map<String, Optional<SecretKey>> recent = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<SecretKey>> eldest) {
            return size() > REMEMBERED;
        }
    };

    public GrantedKeys(JdbcTemplate jdbc, SecretKey masterKey, ShareKeyGrants owners) {
        this.jdbc = jdbc;
        this.masterKey = masterKey;
        this.owners = owners;
    }

    /**
     * The share key {@code owner} granted for {@code subject}, asked for if this region never held it; empty when the
     * owner erased the subject (or knows no key for it).
     *
     * @throws IllegalStateException when the key must be asked for and the owner cannot answer now
     */
    public Optional<SecretKey> keyFor(Region owner, String subject) {
        Optional<Optional<SecretKey>> held = held(owner, subject);
        if (held.isPresent()) {
            return held.get();
        }
        ShareKeyGrants.Grant grant = owners.request(owner, subject);
        switch (grant.outcome()) {
            case GRANTED -> {
                store(owner, subject, grant.key().orElseThrow());
                return held(owner, subject).orElseThrow();
            }
            case ERASED -> shred(owner, subject);
            case UNKNOWN -> log.warn("{} knows no key for subject {}: its shared values read as erased", owner,
                    subject);
        }
        return Optional.empty();
    }

    /** The key if this region holds a grant, never asking the owner; empty inside: erased. */
    public Optional<Optional<SecretKey>> held(Region owner, String subject) {
        String id = id(owner, subject);
        synchronized (recent) {
            Optional<SecretKey> known = recent.get(id);
            if (known != null) {
                return Optional.of(known);
            }
        }
        Optional<Optional<SecretKey>> stored = jdbc.query("select wrapped_key from regent_granted_key "
                        + "where owner_region = ? and subject_id = ?",
                (rs, n) -> Optional.ofNullable(rs.getBytes(1)).map(wrapped -> SubjectKeys.unwrap(masterKey, wrapped)),
                owner.name(), subject).stream().findFirst();
        stored.ifPresent(key -> remember(id, key));
        return stored;
    }

    /** The owner erased the subject: its grant here is gone for good. */
    public void shred(Region owner, String subject) {
        jdbc.update("insert into regent_granted_key (owner_region, subject_id, wrapped_key, erased_at) "
                + "values (?, ?, null, now()) on conflict (owner_region, subject_id) do update "
                + "set wrapped_key = null, erased_at = coalesce(regent_granted_key.erased_at, now())",
                owner.name(), subject);
        remember(id(owner, subject), Optional.empty());
    }

    private void store(Region owner, String subject, SecretKey key) {
        // An erasure stored meanwhile wins: a shredded grant never comes back.
        jdbc.update("insert into regent_granted_key (owner_region, subject_id, wrapped_key) values (?, ?, ?) "
                + "on conflict (owner_region, subject_id) do nothing", owner.name(), subject,
                SubjectKeys.wrap(masterKey, key));
    }

    private void remember(String id, Optional<SecretKey> key) {
        synchronized (recent) {
            recent.put(id, key);
        }
    }

    private static String id(Region owner, String subject) {
        return owner.name() + '/' + subject;
    }
}
