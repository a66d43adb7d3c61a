package dev.regent.application.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code regent.edge.*}: how much a request may send.
 *
 * @param maxBodySize         the largest request body of the public API (64 KiB): a larger one is answered 413 before
 *                            it is parsed
 * @param maxInternalBodySize the same for other regions' calls under {@code /internal/} (16 MiB)
 */
@ConfigurationProperties("regent.edge")
public record EdgeSettings(DataSize maxBodySize, DataSize maxInternalBodySize) {

    public EdgeSettings {
        maxBodySize = maxBodySize == null ? DataSize.ofKilobytes(64) : maxBodySize;
        maxInternalBodySize = maxInternalBodySize == null ? DataSize.ofMegabytes(16) : maxInternalBodySize;
        for (DataSize size : new DataSize[]{maxBodySize, maxInternalBodySize}) {
            if (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("regent.edge body sizes must be 1 byte to 2 GiB, was " + size);
            }
        }
    }

    long limitFor(String path) {
        return (path.startsWith("/internal/") ? maxInternalBodySize : maxBodySize).toBytes();
    }
}
