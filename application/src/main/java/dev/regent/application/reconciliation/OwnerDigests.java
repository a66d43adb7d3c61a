package dev.regent.application.reconciliation;

import dev.regent.domain.ownership.Region;
import dev.regent.infrastructure.region.RegentProperties;
import dev.regent.projections.reconciliation.BucketDigest;
import dev.regent.projections.reconciliation.Digest;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Asks an owner region (its internal reconciliation endpoint) for digests, and to publish aggregates again. */
@Component
class OwnerDigests {

    private final RegentProperties properties;
    private final Region localRegion;
    private final RestClient http;

    OwnerDigests(RegentProperties properties, Region localRegion, RestClient.Builder builder) {
        this.properties = properties;
        this.localRegion = localRegion;
        SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
        requests.setConnectTimeout(Duration.ofSeconds(5));
        requests.setReadTimeout(Duration.ofMinutes(5));
        this.http = builder.requestFactory(requests).build();
    }

    List<BucketDigest> buckets(Region owner, String view, int buckets) {
        return http.get().uri(url(owner, "/internal/reconciliation/{view}/buckets?for={region}&buckets={buckets}"),
                view, localRegion.name(), buckets).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    List<Digest> entries(Region owner, String view, int buckets, Collection<Integer> wanted) {
        return http.post().uri(url(owner, "/internal/reconciliation/{view}/entries?for={region}&buckets={buckets}"),
                        view, localRegion.name(), buckets)
                .body(wanted).retrieve().body(new ParameterizedTypeReference<>() { });
    }

    long resync(Region owner, Collection<String> aggregateIds) {
        Map<String, Object> answer = http.post().uri(url(owner, "/internal/reconciliation/resync?for={region}"),
                        localRegion.name())
                .body(aggregateIds).retrieve().body(new ParameterizedTypeReference<>() { });
        return answer == null ? 0 : ((Number) answer.getOrDefault("events", 0)).longValue();
    }

    private String url(Region owner, String path) {
        return properties.urlOf(owner).toString().replaceAll("/$", "") + path;
    }
}
