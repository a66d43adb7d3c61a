package dev.regent.lab;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

/**
 * A local region's secrets (master and pseudonymisation keys), generated on first start and kept beside its data, so
 * a region restarted on the same data directory still reads what it encrypted. Production regions get theirs from
 * configuration (REGENT_RESIDENCY_MASTER_KEY, REGENT_RESIDENCY_PSEUDONYM_KEY).
 */
record RegionSecrets(String masterKey, String pseudonymKey) {

    private static final String FILE = "secrets.properties";
    private static final SecureRandom RANDOM = new SecureRandom();

    static RegionSecrets loadOrCreate(Path regionDir) {
        Path file = regionDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                Properties stored = new Properties();
                try (Reader reader = Files.newBufferedReader(file)) {
                    stored.load(reader);
                }
                return new RegionSecrets(stored.getProperty("master-key"), stored.getProperty("pseudonym-key"));
            }
            RegionSecrets secrets = new RegionSecrets(randomKey(), randomKey());
            Files.createDirectories(regionDir);
            Properties properties = new Properties();
            properties.setProperty("master-key", secrets.masterKey());
            properties.setProperty("pseudonym-key", secrets.pseudonymKey());
            StringWriter text = new StringWriter();
            properties.store(text, "Keys of this local region: losing them makes its encrypted data unreadable");
            LocalPki.writeSecret(file, text.toString());
            return secrets;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the region's secrets in " + file, e);
        }
    }

    Map<String, String> asProperties() {
        return Map.of("regent.residency.master-key", masterKey, "regent.residency.pseudonym-key", pseudonymKey);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
