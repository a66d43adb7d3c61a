package dev.regent.application.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code regent.security.*}: how callers of the public API are authenticated.
 *
 * @param insecure no authentication at all (every request allowed, recorded as "anonymous"): for a laptop only,
 *                 logged loudly at start
 * @param jwt      the bearer tokens' issuer and keys
 */
@ConfigurationProperties("regent.security")
public record SecurityProperties(@DefaultValue("false") boolean insecure, @DefaultValue Jwt jwt) {

    /**
     * @param issuer           the {@code iss} every token must carry (your identity provider's issuer URL)
     * @param audience         the {@code aud} every token must include
     * @param jwkSetUri        where the provider publishes its signing keys (fetched and cached; rotation by the
     *                         provider needs nothing here)
     * @param jwkSet           or the keys themselves: a JWK set as JSON text or a location ({@code file:/...})
     * @param authoritiesClaim the claim holding Regent's scopes: {@code scope} (OAuth2), or e.g. {@code roles}
     * @param principalClaim   the claim naming the caller in records of who did what
     * @param clockSkew        tolerated difference between the provider's clock and this region's
     */
    public record Jwt(String issuer, @DefaultValue("regent") String audience, String jwkSetUri, String jwkSet,
                      @DefaultValue("scope") String authoritiesClaim, @DefaultValue("sub") String principalClaim,
                      @DefaultValue("30s") Duration clockSkew) {

        boolean configured() {
            return issuer != null && !issuer.isBlank()
                    && (jwkSetUri != null && !jwkSetUri.isBlank() || jwkSet != null && !jwkSet.isBlank());
        }
    }
}
