package dev.regent.insurer.support;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests an attacker or a careless client might send: each write endpoint's body with fields dropped, duplicated,
 * added or replaced by hostile values (control characters, unpaired surrogates, huge and tiny numbers, wrong types,
 * long text), whole bodies broken (truncated, not an object, nested deep, invalid UTF-8, over the size limit), odd
 * content types, and odd paths.
 */
public final class HostileRequests {

    /** One request: what to send, and where. */
    public record Probe(String region, String method, String path, byte[] body, Map<String, String> headers) {

        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return method + " " + region + path + " " + headers + " "
                    + (shown.length() > 300 ? shown.substring(0, 300) + "… (" + body.length + " bytes)" : shown);
        }
    }

    /**
     * A write endpoint: its path, whose {@code {variables}} are filled with ids, and a valid body to start from (JSON
     * values as written).
     */
    public record Endpoint(String method, String path, Map<String, String> validBody) {
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z]+)}");

    private HostileRequests() {
    }

    /**
     * @param knownIds per path variable, the ids that exist (a variable without any only gets unknown and odd ones)
     */
    public static Arbitrary<Probe> probes(List<Endpoint> endpoints, List<String> regions,
                                          Map<String, List<String>> knownIds) {
        Arbitrary<Probe> toEndpoints = Combinators.combine(Arbitraries.of(regions), Arbitraries.of(endpoints),
                bodies(), contentTypes()).flatAs((region, endpoint, bodyShape, contentType) ->
                Combinators.combine(path(endpoint.path(), knownIds), bodyShape.apply(endpoint.validBody()))
                        .as((path, body) -> new Probe(region, endpoint.method(), path, body, contentType)));
        Arbitrary<Probe> toOddPaths = Combinators.combine(Arbitraries.of(regions),
                Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"), oddPaths())
                .as((region, method, path) -> new Probe(region, method, path,
                        "{}".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/json")));
        return Arbitraries.frequencyOf(
                Tuple.of(5, toEndpoints),
                Tuple.of(1, toOddPaths));
    }

    private static Arbitrary<String> path(String template, Map<String, List<String>> knownIds) {
        Matcher variable = VARIABLE.matcher(template);
        if (!variable.find()) {
            return Arbitraries.just(template);
        }
        String name = variable.group(1);
        return ids(knownIds.getOrDefault(name, List.of())).flatMap(id -> path(
                template.substring(0, variable.start()) + id + template.substring(variable.end()), knownIds));
    }

    /** Ids for path variables: one of {@code valid}, or an id no region knows, or one that is not an id at all. */
    public static Arbitrary<String> ids(List<String> valid) {
        Arbitrary<String> unknown = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1)
                .ofMaxLength(64);
        Arbitrary<String> odd = Arbitraries.of("a%2Fb", "a%00b", "..", "%2E%2E", "a%20b", "%C3%A9", "a%5Cb",
                "%F0%9F%98%80", "x".repeat(65), "x".repeat(5_000), "a;b=c", "%25", "a:b", "-", "a.b");
        return valid.isEmpty() ? Arbitraries.oneOf(unknown, odd)
                : Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of(valid)),
                Tuple.of(1, unknown), Tuple.of(2, odd));
    }

    private static Arbitrary<String> oddPaths() {
        Arbitrary<String> segment = Arbitraries.of("customers", "policies", "claims", "ownership", "audit",
                "requests", "internal", "dead-letters", "projections", "actuator", "error", "%2F", "%00", "..",
                "%2e%2e", "%zz", "a%0Ab", "%C0%AE", "x".repeat(9_000), "", ";jsessionid=x", "%u002F");
        return segment.list().ofMinSize(1).ofMaxSize(5)
                .map(segments -> "/" + String.join("/", segments));
    }

    private static Arbitrary<Map<String, String>> contentTypes() {
        return Arbitraries.frequency(
                Tuple.of(12, Map.of("Content-Type", "application/json")),
                Tuple.of(1, Map.of("Content-Type", "application/json; charset=ISO-8859-1")),
                Tuple.of(1, Map.of("Content-Type", "application/json; charset=bogus")),
                Tuple.of(1, Map.of("Content-Type", "text/plain")),
                Tuple.of(1, Map.of("Content-Type", "application/xml")),
                Tuple.of(1, Map.of("Content-Type", "application/json", "Prefer", "respond-async")),
                Tuple.of(1, Map.of("Content-Type", "application/json", "Accept", "text/html")));
    }

    /** How to turn a valid body into the one sent. */
    private interface BodyShape {
        Arbitrary<byte[]> apply(Map<String, String> valid);
    }

    private static Arbitrary<BodyShape> bodies() {
        return Arbitraries.frequency(
                Tuple.of(10, (BodyShape) valid -> fieldsMutated(valid).map(HostileRequests::utf8)),
                Tuple.of(1, (BodyShape) valid -> fieldsMutated(valid)
                        .flatMap(json -> Arbitraries.integers().between(0, Math.max(0, json.length() - 1))
                                .map(cut -> utf8(json.substring(0, cut))))),
                Tuple.of(1, (BodyShape) valid -> Arbitraries.of("[]", "\"text\"", "12", "null", "",
                        "{", "}", "{\"a\":1}{\"b\":2}", "\uFEFF{}").map(HostileRequests::utf8)),
                Tuple.of(1, (BodyShape) valid -> Arbitraries.integers().between(20, 3_000)
                        .map(depth -> utf8(object(valid) .replaceFirst("\\}$", ",\"deep\":" + "[".repeat(depth)
                                + "]".repeat(depth) + "}")))),
                Tuple.of(1, (BodyShape) valid -> Arbitraries.of(new byte[]{(byte) 0xFF},
                        new byte[]{(byte) 0xC0, (byte) 0xAF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        new byte[]{(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80})
                        .map(bad -> withBytesInFirstText(object(valid), bad))),
                Tuple.of(1, (BodyShape) valid -> Arbitraries.integers().between(65_000, 200_000)
                        .map(size -> utf8(object(valid).replaceFirst("\\}$", ",\"padding\":\"" + "p".repeat(size)
                                + "\"}")))));
    }

    /** Each field kept, dropped or replaced by a hostile value; sometimes fields added or one given twice. */
    private static Arbitrary<String> fieldsMutated(Map<String, String> valid) {
        List<Arbitrary<String>> fields = new ArrayList<>();
        for (Map.Entry<String, String> field : valid.entrySet()) {
            String key = quoted(field.getKey());
            fields.add(Arbitraries.frequencyOf(
                    Tuple.of(12, Arbitraries.just(key + ":" + field.getValue())),
                    Tuple.of(1, Arbitraries.just("")),
                    Tuple.of(3, hostileValues().map(value -> key + ":" + value))));
        }
        Arbitrary<String> extra = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.just("")),
                Tuple.of(1, Combinators.combine(hostileTexts(), hostileValues())
                        .as((name, value) -> quoted(name) + ":" + value)),
                Tuple.of(1, Arbitraries.of(valid.keySet().isEmpty() ? List.of("x")
                        : new ArrayList<>(valid.keySet())).map(name -> quoted(name) + ":\"twice\"")));
        fields.add(extra);
        return Combinators.combine(fields).as(parts -> "{" + String.join(",",
                parts.stream().filter(part -> !part.isEmpty()).toList()) + "}");
    }

    private static Arbitrary<String> hostileValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, hostileTexts().map(HostileRequests::quoted)),
                Tuple.of(1, hostileTexts().map(HostileRequests::rawControls)),
                Tuple.of(3, Arbitraries.of("1E+5000", "1e400", "-1E+5000", "1e-400", "1" + "0".repeat(1_199),
                        "12345678901234567890", "9999999999999999.99", "0.001", "-1", "0", "1.5", "100", "NaN",
                        "Infinity", "-0", "0x10", "1e999999999999", "true", "false", "null", "[]", "{}",
                        "[\"a\",1]", "{\"value\":1}", "\"\"", "\"   \"")));
    }

    private static Arbitrary<String> hostileTexts() {
        Arbitrary<Character> controls = Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.of('\u007f', '\u0085', '\u009b'));
        Arbitrary<Character> surrogates = Arbitraries.oneOf(Arbitraries.chars().range('\uD800', '\uDBFF'),
                Arbitraries.chars().range('\uDC00', '\uDFFF'));
        Arbitrary<String> base = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12);
        return Arbitraries.oneOf(
                Combinators.combine(base, controls, base).as((a, c, b) -> a + c + b),
                Combinators.combine(base, surrogates, base).as((a, s, b) -> a + s + b),
                Arbitraries.strings().alpha().ofMinLength(65).ofMaxLength(5_000),
                Arbitraries.of("Zoë \uD83D\uDE00 Łukasz 李", "' OR 1=1 --", "<script>alert(1)</script>",
                        "${jndi:ldap://x/a}", "../../etc/passwd", "%00%2F", "\u202Egnp.exe", "a@b", "FR",
                        "+33 1 00 00 00 00", "HOME-CONTENTS", "CustomerIdentity"));
    }

    /** Every non-ASCII character and every control as an escape, so that lone surrogates reach the service. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** Control characters left raw inside the quotes: not JSON at all. */
    private static String rawControls(String text) {
        return "\"" + text.replace("\\", "").replace("\"", "") + "\"";
    }

    private static String object(Map<String, String> valid) {
        Map<String, String> fields = new LinkedHashMap<>(valid);
        return "{" + String.join(",", fields.entrySet().stream()
                .map(field -> quoted(field.getKey()) + ":" + field.getValue()).toList()) + "}";
    }

    private static byte[] withBytesInFirstText(String json, byte[] bad) {
        byte[] bytes = utf8(json);
        int quote = json.indexOf(":\"");
        if (quote < 0) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, quote + 2);
        out.writeBytes(bad);
        out.write(bytes, quote + 2, bytes.length - quote - 2);
        return out.toByteArray();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
