package dev.regent.insurer.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Looks for strings in every byte of every file under a directory (a database's data directory, a broker's logs):
 * heap and WAL, dead tuples, index files, log segments, whatever a region keeps.
 */
public final class ByteScanner {

    private static final int CHUNK = 1 << 20;

    private ByteScanner() {
    }

    /** The markers (UTF-8) found anywhere under {@code root}. */
    public static Set<String> find(Path root, Collection<String> markers) {
        List<byte[]> needles = markers.stream().map(marker -> marker.getBytes(StandardCharsets.UTF_8)).toList();
        int overlap = needles.stream().mapToInt(needle -> needle.length).max().orElse(1) - 1;
        Set<String> found = new LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                scan(file, needles, overlap, found);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static void scan(Path file, List<byte[]> needles, int overlap, Set<String> found) {
        byte[] buffer = new byte[CHUNK + overlap];
        int carried = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.readNBytes(buffer, carried, CHUNK)) > 0) {
                int length = carried + read;
                for (byte[] needle : needles) {
                    if (indexOf(buffer, length, needle) >= 0) {
                        found.add(new String(needle, StandardCharsets.UTF_8));
                    }
                }
                carried = Math.min(overlap, length);
                System.arraycopy(buffer, length - carried, buffer, 0, carried);
            }
        } catch (IOException e) {
            // A file that vanished while scanning (a rotated WAL segment, a deleted temp file) held nothing to find now.
            if (Files.exists(file)) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static int indexOf(byte[] haystack, int length, byte[] needle) {
        outer:
        for (int i = 0; i <= length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
