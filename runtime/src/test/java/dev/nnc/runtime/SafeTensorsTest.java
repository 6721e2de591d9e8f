package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {

    @TempDir
    Path directory;

    /** A file: the 8-byte length of {@code header}, the header with ' for ", then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] json = header.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }

    /** Little-endian bytes of {@code values}. */
    static byte[] f32(float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return bytes.array();
    }

    /** Little-endian bytes of 16-bit {@code values}. */
    static byte[] u16(int... values) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            bytes.putShort((short) value);
        }
        return bytes.array();
    }

    /** Three tensors in an order that is not alphabetical, of three ranks, and metadata. */
    static SafeTensors sample() {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("z.kernel", StoredTensor.f32(new float[] {1, -2, 0.1f, -0f, Float.MIN_VALUE,
            Float.intBitsToFloat(0x7FC0_1234)}, 2, 3));
        tensors.put("a.bias", StoredTensor.f32(new float[] {Float.POSITIVE_INFINITY, 3, -4}, 3));
        tensors.put("scale", StoredTensor.f32(new float[] {0.5f}));
        tensors.put("empty", StoredTensor.f32(new float[0], 0, 5));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("note", "ünïcode \"quoted\"\n");
        return SafeTensors.of(tensors, metadata);
    }

    private static void assertSameContents(SafeTensors expected, SafeTensors actual) {
        assertEquals(List.copyOf(expected.tensors().keySet()), List.copyOf(actual.tensors().keySet()));
        assertEquals(List.copyOf(expected.metadata().entrySet()), List.copyOf(actual.metadata().entrySet()));
        for (String name : expected.tensors().keySet()) {
            StoredTensor want = expected.tensor(name);
            StoredTensor got = actual.tensor(name);
            assertEquals(want.dtype(), got.dtype(), name);
            assertEquals(want.shape(), got.shape(), name);
            assertEquals(want.data(), got.data(), name + ": the bytes");
        }
    }

    @Test
    void aWrittenFileReadsBackWithEveryNameShapeBitAndMetadataInOrder() throws IOException {
        SafeTensors sample = sample();
        Path path = directory.resolve("model.safetensors");
        sample.write(path);
        SafeTensors read = SafeTensors.read(path);

        assertEquals(List.of("z.kernel", "a.bias", "scale", "empty"), List.copyOf(read.tensors().keySet()));
        assertEquals(List.of(2L, 3L), read.tensor("z.kernel").shape());
        assertEquals(List.of(), read.tensor("scale").shape());
        assertEquals(List.of(0L, 5L), read.tensor("empty").shape());
        assertEquals(Dtype.F32, read.tensor("a.bias").dtype());
        int[] bits = {0x3F80_0000, 0xC000_0000, Float.floatToRawIntBits(0.1f), 0x8000_0000, 0x0000_0001, 0x7FC0_1234};
        float[] kernel = read.floats("z.kernel");
        for (int i = 0; i < bits.length; i++) {
            assertEquals(bits[i], Float.floatToRawIntBits(kernel[i]), "z.kernel[" + i + "]");
        }
        assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, 3, -4}, read.floats("a.bias"));
        assertArrayEquals(new float[0], read.floats("empty"));
        assertEquals(Map.of("format", "pt", "note", "ünïcode \"quoted\"\n"), read.metadata());
        assertSameContents(sample, read);
        assertSameContents(sample, SafeTensors.read(sample.toBytes()));
        assertArrayEquals(Files.readAllBytes(path), sample.toBytes(), "the file and toBytes agree");
    }

    @Test
    void theLayoutIsTheReferenceWritersByteForByte() throws IOException {
        // huggingface/safetensors' test_serialization: "attn.0", F32 [1, 2, 3] holding 0..5; its header is 64 bytes
        SafeTensors one = SafeTensors.of(Map.of("attn.0", StoredTensor.f32(new float[] {0, 1, 2, 3, 4, 5}, 1, 2, 3)),
                Map.of());
        byte[] expected = file("{'attn.0':{'dtype':'F32','shape':[1,2,3],'data_offsets':[0,24]}}", f32(0, 1, 2, 3, 4, 5));
        assertEquals(8 + 64 + 24, expected.length);
        assertArrayEquals(expected, one.toBytes());

        // test_empty: "{}" padded with 6 spaces to 8 bytes, and 35 bytes of metadata padded with 5 to 40
        assertArrayEquals(file("{}      ", new byte[0]), SafeTensors.of(Map.of(), Map.of()).toBytes());
        assertArrayEquals(file("{'__metadata__':{'framework':'pt'}}     ", new byte[0]),
                SafeTensors.of(Map.of(), Map.of("framework", "pt")).toBytes());
    }

    @Test
    void tensorsMayBeDeclaredInAnyOrderAndKeepTheHeadersOrder() throws IOException {
        // b's bytes come first in the data, but a comes first in the header; unknown fields are ignored
        SafeTensors read = SafeTensors.read(file("{'a':{'dtype':'F32','shape':[1],'data_offsets':[8,12],'x':{'y':[1]}},"
                + "'b':{'data_offsets':[0,8],'shape':[2],'dtype':'F32'}}  \n\t", f32(1, 2, 3)));
        assertEquals(List.of("a", "b"), List.copyOf(read.tensors().keySet()));
        assertArrayEquals(new float[] {3}, read.floats("a"));
        assertArrayEquals(new float[] {1, 2}, read.floats("b"));
        assertEquals(Map.of(), read.metadata());
    }

    @Test
    void halfAndBfloat16TensorsWidenExactly() throws IOException {
        SafeTensors read = SafeTensors.read(file("{'h':{'dtype':'F16','shape':[2,2],'data_offsets':[0,8]},"
                + "'b':{'dtype':'BF16','shape':[3],'data_offsets':[8,14]}}", concat(
                        u16(0x3C00, 0xC000, 0x0001, 0x7C00), u16(0x3F80, 0xC040, 0xFF80))));
        // 0x0001 is 2^-24; BF16 0xC040 is float bits 0xC0400000 = -3
        assertArrayEquals(new float[] {1, -2, 0x1p-24f, Float.POSITIVE_INFINITY}, read.floats("h"));
        assertArrayEquals(new float[] {1, -3, Float.NEGATIVE_INFINITY}, read.floats("b"));
    }

    @Test
    void doublesAreRoundedToTheNearestFloat() throws IOException {
        double[] doubles = {
            0.1,
            1 + 0x1p-24, // halfway between 1 and 1 + 2^-23: to the even one, 1
            1 + 3 * 0x1p-24, // halfway between 1 + 2^-23 and 1 + 2^-22: to the even one, 1 + 2^-22
            1e300, // past float's range
            -1e-50, // below float's smallest subnormal
        };
        ByteBuffer data = ByteBuffer.allocate(8 * doubles.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : doubles) {
            data.putDouble(value);
        }
        SafeTensors read = SafeTensors.read(file("{'d':{'dtype':'F64','shape':[5],'data_offsets':[0,40]}}", data.array()));
        float[] floats = read.floats("d");
        assertEquals(0.1f, floats[0]);
        assertEquals(1f, floats[1]);
        assertEquals(1 + 0x1p-22f, floats[2]);
        assertEquals(Float.POSITIVE_INFINITY, floats[3]);
        assertEquals(0x8000_0000, Float.floatToRawIntBits(floats[4]), "negative zero");
    }

    @Test
    void anI64TensorIsReadAndKeptButNotConvertedToFloats() throws IOException {
        byte[] count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(7).array();
        byte[] bytes = file("{'bn.weight':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
                + "'bn.num_batches_tracked':{'dtype':'I64','shape':[],'data_offsets':[8,16]}}", concat(f32(1, 2), count));
        SafeTensors read = SafeTensors.read(bytes);
        StoredTensor tracked = read.tensor("bn.num_batches_tracked");
        assertEquals(Dtype.I64, tracked.dtype());
        assertEquals(List.of(), tracked.shape());
        assertEquals(8, tracked.byteLength());
        assertEquals(7L, tracked.data().getLong());
        var e = assertThrows(IllegalArgumentException.class, () -> read.floats("bn.num_batches_tracked"));
        assertEquals("tensor 'bn.num_batches_tracked' is I64, not converted to floats; floats converts F32, F16,"
                + " BF16 and F64; read others as bytes with tensor(name).data()", e.getMessage());
        // written back as it came: the header above is the writer's: 136 bytes, a multiple of 8, so no padding
        assertArrayEquals(bytes, SafeTensors.of(read.tensors(), read.metadata()).toBytes());
    }

    @Test
    void readTensorsAreReadOnlyViews() throws IOException {
        SafeTensors read = SafeTensors.read(file("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", f32(1, 2)));
        ByteBuffer data = read.tensor("a").data();
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> data.putFloat(0, 5));
        data.getFloat();
        assertEquals(0, read.tensor("a").data().position(), "each call gets its own position");
        assertThrows(UnsupportedOperationException.class, () -> read.tensors().clear());
        assertThrows(UnsupportedOperationException.class, () -> read.metadata().clear());
    }

    @Test
    void lookupsAndArgumentsNameWhatIsWrong() {
        SafeTensors sample = sample();
        var missing = assertThrows(IllegalArgumentException.class, () -> sample.tensor("kernel"));
        assertEquals("no tensor 'kernel'; tensors are [z.kernel, a.bias, scale, empty]", missing.getMessage());
        var reserved = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.of(Map.of("__metadata__", StoredTensor.f32(new float[1], 1)), Map.of()));
        assertEquals("tensors: '__metadata__' is the header key of the metadata, not a tensor name", reserved.getMessage());
        var count = assertThrows(IllegalArgumentException.class, () -> StoredTensor.f32(new float[5], 2, 3));
        assertEquals("values: shape [2, 3] needs 6 values, found 5", count.getMessage());
        var huge = assertThrows(IllegalArgumentException.class, () -> StoredTensor.f32(new float[5], 1L << 40, 1L << 40));
        assertEquals("values: shape [1099511627776, 1099511627776] needs more than 2147483647 values, found 5",
                huge.getMessage());
        var negative = assertThrows(IllegalArgumentException.class, () -> StoredTensor.f32(new float[0], 0, -2));
        assertEquals("shape[1]: expected a dimension at least 0, found -2", negative.getMessage());
        assertEquals("F32[2, 3]", StoredTensor.f32(new float[6], 2, 3).toString());
    }

    /** Passes {@code limit} bytes through, then fails. */
    static final class FailingStream extends FilterOutputStream {
        private long left;

        FailingStream(OutputStream out, long limit) {
            super(out);
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            int allowed = (int) Math.min(len, left);
            out.write(b, off, allowed);
            left -= allowed;
            if (allowed < len) {
                throw new IOException("injected failure");
            }
        }
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(directory::relativize).sorted().toList();
        }
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
        Path path = directory.resolve("model.safetensors");
        SafeTensors.of(Map.of("old", StoredTensor.f32(new float[] {1, 2, 3}, 3)), Map.of("v", "1")).write(path);
        byte[] old = Files.readAllBytes(path);
        SafeTensors replacement = sample();
        int size = replacement.toBytes().length;
        // nothing, part of the length, the length, part of the header, part of the data, all but the last byte
        for (int limit : new int[] {0, 3, 8, 40, size - 20, size - 1}) {
            var e = assertThrows(IOException.class, () -> replacement.write(path, out -> new FailingStream(out, limit)));
            assertEquals("injected failure", e.getMessage());
            assertArrayEquals(old, Files.readAllBytes(path), "after a failure at byte " + limit);
            assertEquals(List.of(Path.of("model.safetensors")), files(), "after a failure at byte " + limit);
        }
        // and with nothing in the way the write goes through
        replacement.write(path, out -> new FailingStream(out, size));
        assertSameContents(replacement, SafeTensors.read(path));
        assertEquals(List.of(Path.of("model.safetensors")), files());
    }

    @Test
    void aFailedFirstWriteLeavesNoFileAtAll() throws IOException {
        Path path = directory.resolve("new.safetensors");
        assertThrows(IOException.class, () -> sample().write(path, out -> new FailingStream(out, 10)));
        assertFalse(Files.exists(path));
        assertEquals(List.of(), files());
    }

    static byte[] concat(byte[] a, byte[] b) {
        return ByteBuffer.allocate(a.length + b.length).put(a).put(b).array();
    }

    @Test
    void aWrittenFileIsReadableAsAnyNewFileIsNotOnlyByItsOwner() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Path plain = Files.createFile(directory.resolve("plain.bin"));
        Path written = directory.resolve("weights.safetensors");
        SafeTensors.of(Map.of("w", StoredTensor.f32(new float[] {1, 2}, 2)), Map.of()).write(written);
        // the umask decides both; createTempFile's owner-only permissions would differ from it
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
    }
}
