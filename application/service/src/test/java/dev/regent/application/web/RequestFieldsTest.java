package dev.regent.application.web;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A public request's text field that no {@link RequestFieldLimits} names is found, so that the service refuses to start. */
class RequestFieldsTest {

    record ParcelRequest(String label, String note, int weight) {
    }

    record Internal(String anything) {
    }

    @RestController
    static class ParcelController {

        @PostMapping("/parcels")
        void register(@RequestBody ParcelRequest request) {
        }

        @PostMapping("/internal/parcels")
        void replicate(@RequestBody Internal request) {
        }
    }

    @Test
    void givenATextFieldNoContributionNames_thenItIsReported_andInternalRequestsAreNotTheEdgesBusiness() {
        RequestFields fields = new RequestFields(List.of(RequestFields.PLATFORM,
                new RequestFieldLimits(Map.of("label", 40))));

        assertThat(RequestFieldsCheck.unlimitedFields(List.of(ParcelController.class), fields))
                .containsExactly("ParcelRequest.note");
    }

    @Test
    void givenTwoContributionsNamingOneField_thenTheSmallerLimitHolds() {
        RequestFields fields = new RequestFields(List.of(new RequestFieldLimits(Map.of("reason", 500)),
                new RequestFieldLimits(Map.of("reason", 200))));

        assertThat(fields.maxLength("reason")).hasValue(200);
        assertThat(fields.isListed("note")).isFalse();
    }
}
