package dev.regent.infrastructure.region;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks {@code regent.regions}: every region has at least one peer URL, each an absolute http(s) URL with a host
 * (the base of {@code /internal/**} calls: no query or fragment), none twice. A wrong value stops the service, naming
 * the property.
 */
final class PeerUrls {

    private PeerUrls() {
    }

    static Map<String, List<URI>> check(Map<String, List<URI>> regions) {
        Map<String, List<URI>> checked = new LinkedHashMap<>();
        if (regions == null) {
            return checked;
        }
        regions.forEach((name, urls) -> {
            String property = "regent.regions." + name;
            if (urls == null || urls.isEmpty() || urls.stream().allMatch(url -> url == null
                    || url.toString().isBlank())) {
                throw new IllegalStateException(property + " has no URL: give the region's peer listener URL, or "
                        + "one per instance (comma-separated or a list)");
            }
            Set<URI> seen = new HashSet<>();
            for (int i = 0; i < urls.size(); i++) {
                URI url = urls.get(i);
                String where = urls.size() == 1 ? property : property + "[" + i + "]";
                if (!isPeerUrl(url)) {
                    throw new IllegalStateException(where + "='" + url + "' is not the URL of a peer listener: "
                            + "expected https://host:port (http:// only without TLS, regent.peer.insecure)");
                }
                if (!seen.add(url)) {
                    throw new IllegalStateException(where + "='" + url + "' is listed twice for region " + name);
                }
            }
            checked.put(name, List.copyOf(urls));
        });
        return checked;
    }

    private static boolean isPeerUrl(URI url) {
        return url != null && url.isAbsolute() && url.getHost() != null
                && ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
                && url.getRawQuery() == null && url.getRawFragment() == null && url.getRawUserInfo() == null;
    }
}
