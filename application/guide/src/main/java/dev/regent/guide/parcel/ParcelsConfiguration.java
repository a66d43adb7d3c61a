package dev.regent.guide.parcel;

import dev.regent.application.web.RequestFieldLimits;
import dev.regent.domain.shared.Values;
import dev.regent.projections.replication.ViewStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/** The parcels' read model, and the length of each text their requests carry. */
@Configuration(proxyBeanMethods = false)
class ParcelsConfiguration {

    @Bean
    ParcelProjection parcelProjection(ViewStores stores) {
        return stores.projection(ParcelProjection.VIEW, ParcelView.class, Parcel.class.getSimpleName(),
                ParcelProjection::new);
    }

    @Bean
    RequestFieldLimits parcelRequestFields() {
        return new RequestFieldLimits(Map.of("destination", RegisterParcelCommand.MAX_DESTINATION_LENGTH,
                "parcelId", Values.MAX_IDENTIFIER_LENGTH));
    }
}
