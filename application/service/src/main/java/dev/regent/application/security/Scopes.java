package dev.regent.application.security;

import java.util.List;

/**
 * The scopes a token carries, one per kind of caller: business reads and writes, auditors, operators. Identity
 * providers grant them as OAuth2 scopes (claim {@code scope}) or roles (a claim named by
 * {@code regent.security.jwt.authorities-claim}, e.g. Entra ID's {@code roles}).
 */
public final class Scopes {

    public static final String READ = "regent.read";
    public static final String WRITE = "regent.write";
    public static final String AUDIT = "regent.audit";
    public static final String OPERATE = "regent.operate";

    public static final List<String> ALL = List.of(READ, WRITE, AUDIT, OPERATE);

    private Scopes() {
    }

    /** The Spring Security authority a scope becomes. */
    static String authority(String scope) {
        return "SCOPE_" + scope;
    }
}
