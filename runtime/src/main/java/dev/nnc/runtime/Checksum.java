package dev.nnc.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.CRC32C;

/**
 * The checksum a weights file records ({@link Weights#CHECKSUM}): {@code crc32c:} and the
 * CRC-32C, in 8 hex digits, of what the file holds: each tensor in name order as its name, dtype,
 * shape and data, then each metadata entry but the checksum in key order; texts as their UTF-8
 * length and bytes, numbers as 8 little-endian bytes. A change to any data, name, dtype, shape,
 * byte range or metadata value changes it; a file laid out anew with the same contents keeps it.
 */
final class Checksum {

    /** Adds a tensor's dtype, shape and data to a checksum. */
    @FunctionalInterface
    private interface Tensor {
        void update(CRC32C crc, String name) throws IOException;
    }

    private Checksum() {}

    /** The checksum of a container in memory. */
    static String of(SafeTensors file) {
        try {
            return of(file.tensors().keySet(), file.metadata(), (crc, name) -> {
                StoredTensor tensor = file.tensor(name);
                update(crc, tensor.dtype(), tensor.shape());
                crc.update(tensor.data());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("a container in memory is read without I/O", e);
        }
    }

    /** The checksum of a file's contents, each tensor read a part at a time and none held. */
    static String of(SafeTensorsReader file) throws IOException {
        return of(file.entries().keySet(), file.metadata(), (crc, name) -> {
            SafeTensorsReader.Entry entry = file.entries().get(name);
            update(crc, entry.dtype(), entry.shape());
            file.stream(name, crc::update);
        });
    }

    private static String of(Collection<String> names, Map<String, String> metadata, Tensor tensor) throws IOException {
        CRC32C crc = new CRC32C();
        for (String name : new TreeSet<>(names)) {
            update(crc, name);
            tensor.update(crc, name);
        }
        for (Map.Entry<String, String> entry : new TreeMap<>(metadata).entrySet()) {
            if (!entry.getKey().equals(Weights.CHECKSUM)) {
                update(crc, entry.getKey());
                update(crc, entry.getValue());
            }
        }
        return String.format("crc32c:%08x", crc.getValue());
    }

    private static void update(CRC32C crc, Dtype dtype, List<Long> shape) {
        update(crc, dtype.name());
        update(crc, shape.size());
        for (long dimension : shape) {
            update(crc, dimension);
        }
    }

    private static void update(CRC32C crc, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        update(crc, bytes.length);
        crc.update(bytes);
    }

    private static void update(CRC32C crc, long number) {
        crc.update(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(number).flip());
    }
}
