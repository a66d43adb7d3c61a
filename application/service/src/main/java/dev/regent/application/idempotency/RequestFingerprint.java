package dev.regent.application.idempotency;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * What makes two requests "the same request" for a key: method, path with query, and body — a JSON body compared by
 * content (the order of its fields and its whitespace do not matter), any other body byte for byte. SHA-256, in hex.
 */
final class RequestFingerprint {

    private RequestFingerprint() {
    }

    static String of(String requestLine, byte[] body, ObjectMapper json) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
        sha256.update(requestLine.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) '\n');
        sha256.update(canonical(body, json));
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static byte[] canonical(byte[] body, ObjectMapper json) {
        if (body.length == 0) {
            return body;
        }
        try {
            JsonNode tree = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return body;
            }
            StringBuilder out = new StringBuilder();
            write(tree, out);
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException notJson) {
            return body;
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
            out.append('{');
            String separator = "";
            for (var field : sorted.entrySet()) {
                out.append(separator).append(TextNode.valueOf(field.getKey())).append(':');
                write(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node);
        }
    }
}
