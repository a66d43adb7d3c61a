package dev.regent.insurer.identity;

import dev.regent.domain.shared.Values;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/** ISO 639-1 language code, lower case: the language the insurer serves a customer in. */
public record LanguageCode(String value) {

    public static final int MAX_LENGTH = 2;

    private static final Pattern ALPHA_2 = Pattern.compile("[a-z]{2}");

    /** Where a domicile's language is not listed below. */
    public static final LanguageCode FALLBACK = new LanguageCode("en");

    /** The language the insurer corresponds in, per country it has customers in (regent.jurisdictions). */
    private static final Map<String, String> BY_DOMICILE = Map.ofEntries(
            entry("AT", "de"), entry("BE", "nl"), entry("BG", "bg"), entry("HR", "hr"), entry("CY", "el"),
            entry("CZ", "cs"), entry("DK", "da"), entry("EE", "et"), entry("FI", "fi"), entry("FR", "fr"),
            entry("DE", "de"), entry("GR", "el"), entry("HU", "hu"), entry("IE", "en"), entry("IT", "it"),
            entry("LV", "lv"), entry("LT", "lt"), entry("LU", "fr"), entry("MT", "mt"), entry("NL", "nl"),
            entry("PL", "pl"), entry("PT", "pt"), entry("RO", "ro"), entry("SK", "sk"), entry("SI", "sl"),
            entry("ES", "es"), entry("SE", "sv"), entry("IS", "is"), entry("LI", "de"), entry("NO", "nb"),
            entry("CH", "de"), entry("GB", "en"), entry("US", "en"), entry("SG", "en"), entry("AU", "en"),
            entry("JP", "ja"), entry("IN", "en"), entry("CN", "zh"), entry("HK", "zh"), entry("KR", "ko"),
            entry("NZ", "en"), entry("MY", "ms"), entry("TH", "th"), entry("ID", "id"), entry("PH", "en"),
            entry("VN", "vi"), entry("TW", "zh"));

    public LanguageCode {
        value = Values.requireMatch("preferredLanguage", value == null ? null : value.strip().toLowerCase(Locale.ROOT),
                MAX_LENGTH, ALPHA_2, "is not an ISO 639-1 language code");
    }

    /**
     * The language a customer is served in until she says otherwise: her domicile's. Also what registrations
     * recorded before customers had a preferred language read as (revision 1 of {@link CustomerRegisteredEvent}), so
     * it must stay a pure function of the domicile.
     */
    public static LanguageCode defaultFor(String domicile) {
        String language = domicile == null ? null : BY_DOMICILE.get(domicile.strip().toUpperCase(Locale.ROOT));
        return language == null ? FALLBACK : new LanguageCode(language);
    }

    @Override
    public String toString() {
        return value;
    }
}
