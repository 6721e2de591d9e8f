package dev.nnc.runtime;

import static dev.nnc.runtime.SafeTensorsTest.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every check of the reference reader, each on a file built by hand to fail it and no other. */
class SafeTensorsRejectionTest {

    private static void assertRejected(String expected, byte[] bytes) {
        var e = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(bytes));
        assertEquals(expected, e.getMessage());
    }

    /** A file whose header is {@code {'a': entry}} (with ' for ") and whose data is {@code dataBytes} zeros. */
    private static byte[] tensorA(String entry, int dataBytes) {
        return file("{'a':" + entry + "}", new byte[dataBytes]);
    }

    /** The 8-byte length {@code claimed}, then {@code rest} bytes of an empty-looking header. */
    private static byte[] claiming(long claimed, int rest) {
        byte[] bytes = ByteBuffer.allocate(8 + rest).order(ByteOrder.LITTLE_ENDIAN).putLong(claimed).array();
        Arrays.fill(bytes, 8, bytes.length, (byte) ' ');
        return bytes;
    }

    @Test
    void theHeaderLengthMustBeThereAndFit() {
        assertRejected("bytes: 7 bytes, too short for the 8-byte header length", new byte[7]);
        assertRejected("bytes: 0 bytes, too short for the 8-byte header length", new byte[0]);
        assertRejected("bytes: header length 100000001 is more than the limit of 100000000 bytes",
                claiming(100_000_001, 8));
        assertRejected("bytes: header length 1099511627776 is more than the limit of 100000000 bytes",
                claiming(1L << 40, 8));
        assertRejected("bytes: header length 9223372036854775807 is more than the limit of 100000000 bytes",
                claiming(Long.MAX_VALUE, 8));
        // all 64 bits set: 2^64 - 1 unsigned, not -1
        assertRejected("bytes: header length 18446744073709551615 is more than the limit of 100000000 bytes",
                claiming(-1, 8));
        assertRejected("bytes: header length 100000000 runs past the end: 8 + 100000000 bytes, found 16",
                claiming(100_000_000, 8));
        assertRejected("bytes: header length 9 runs past the end: 8 + 9 bytes, found 16", claiming(9, 8));
    }

    @Test
    void aHugeClaimedHeaderFailsBeforeAnythingOfItsSizeIsAllocated(@TempDir Path directory) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] underTheLimit = claiming(99_999_999, 8);
        assertThrows(WeightsFormatException.class, () -> SafeTensors.read(underTheLimit)); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        var e = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(underTheLimit));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals("bytes: header length 99999999 runs past the end: 8 + 99999999 bytes, found 16", e.getMessage());
        assertTrue(allocated < 1_000_000, "a header of 100 MB claimed, " + allocated + " bytes allocated");

        Path path = directory.resolve("huge.safetensors");
        Files.write(path, claiming(1L << 40, 8));
        var fromFile = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(path));
        assertEquals(path + ": header length 1099511627776 is more than the limit of 100000000 bytes",
                fromFile.getMessage());
    }

    @Test
    void theHeaderMustBeUtf8Json() {
        byte[] invalid = file("{'a':1}", new byte[0]);
        invalid[10] = (byte) 0xFF; // the 'a'
        assertRejected("bytes: header is not valid UTF-8 at byte 10", invalid);
        byte[] surrogate = file("{'abc':1}", new byte[0]);
        surrogate[10] = (byte) 0xED; // ED A0 80 would encode U+D800, a surrogate, which UTF-8 excludes
        surrogate[11] = (byte) 0xA0;
        surrogate[12] = (byte) 0x80;
        assertRejected("bytes: header is not valid UTF-8 at byte 10", surrogate);

        // the '}' is the 7th character
        assertRejected("bytes: header is not valid JSON: Unexpected character ('}' (code 125)): expected a value"
                + " at line 1, column 7", file("{'a': }", new byte[0]));
        var unclosed = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(file("{", new byte[0])));
        assertTrue(unclosed.getMessage().startsWith("bytes: header is not valid JSON: Unexpected end-of-input:"
                + " expected close marker for Object"), unclosed.getMessage());
        assertTrue(unclosed.getMessage().endsWith(" at line 1, column 2"), unclosed.getMessage());
    }

    @Test
    void theHeaderIsOneObjectFromItsFirstByteAndMayEndInWhiteSpace() throws IOException {
        assertRejected("bytes: header: expected '{' at its first byte, found '['", file("[1, 2]", new byte[0]));
        assertRejected("bytes: header: expected '{' at its first byte, found '\"'", file("'x'", new byte[0]));
        assertRejected("bytes: header: expected '{' at its first byte, found nothing", file("", new byte[0]));
        assertRejected("bytes: header: expected only spaces after the JSON object, found an object at line 1, column 4",
                file("{} {}", new byte[0]));
        // the reference reader refuses white space, or a byte order mark, before the object
        assertRejected("bytes: header: expected '{' at its first byte, found U+0020", file("        ", new byte[0]));
        assertRejected("bytes: header: expected '{' at its first byte, found U+0020", file(" {}", new byte[0]));
        assertRejected("bytes: header: expected '{' at its first byte, found U+000A", file("\n{}", new byte[0]));
        assertRejected("bytes: header: expected '{' at its first byte, found U+FEFF", file("\uFEFF{}", new byte[0]));
        // and pads the header with spaces after it; JSON's other white space is taken too
        assertEquals(List.of("a"), List.copyOf(SafeTensors.read(tensorA("{'dtype':'F32','shape':[1],'data_offsets':[0,4]}"
                + " \t\r\n ", 4)).tensors().keySet()));
    }

    /** {@code e}'s message starts with {@code expected}, then gives a place in the header. */
    private static void assertRejectedAt(String expected, byte[] bytes) {
        var e = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(bytes));
        assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(expected) + " at line 1, column [0-9]+"), e.getMessage());
    }

    @Test
    void nestingNamesAndShapesStopAtTheirLimits() throws IOException {
        // an unknown field, ignored: the header, the entry and 126 arrays are 128 levels, serde_json's limit
        String entry = "{'dtype':'F32','shape':[1],'data_offsets':[0,4],'x':%s}";
        assertEquals(1, SafeTensors.read(tensorA(String.format(entry, "[".repeat(126) + "]".repeat(126)), 4)).tensors().size());
        assertRejectedAt("bytes: tensor 'a': Document nesting depth (129) exceeds the maximum allowed (128)",
                tensorA(String.format(entry, "[".repeat(127) + "]".repeat(127)), 4));
        assertRejectedAt("bytes: tensor 'a': Document nesting depth (129) exceeds the maximum allowed (128)",
                tensorA(String.format(entry, "[".repeat(1000) + "]".repeat(1000)), 4));

        // a name of 64 Ki characters, and one of 20 M
        String longest = "n".repeat(SafeTensorsReader.MAX_NAME_CHARS);
        assertEquals(List.of(longest), List.copyOf(SafeTensors.read(file("{'" + longest + "':{'dtype':'F32','shape':[1],"
                + "'data_offsets':[0,4]}}", new byte[4])).tensors().keySet()));
        var tooLong = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(file("{'n" + longest
                + "':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", new byte[4])));
        assertTrue(tooLong.getMessage().matches("bytes: header: Name length \\([0-9]+\\) exceeds the maximum allowed \\(65536\\)"
                + " at line 1, column [0-9]+"), tooLong.getMessage());
        var huge = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(file("{'__metadata__':{'"
                + "k".repeat(20_000_000) + "':'v'}}", new byte[0])));
        assertTrue(huge.getMessage().startsWith("bytes: header: Name length ("), huge.getMessage());

        // 64 dimensions, and 65
        String ones = ",1".repeat(63);
        assertEquals(64, SafeTensors.read(tensorA("{'dtype':'F32','shape':[1" + ones + "],'data_offsets':[0,4]}", 4))
                .tensor("a").shape().size());
        assertRejected("bytes: tensor 'a': shape: more than 64 values, the most this reader takes",
                tensorA("{'dtype':'F32','shape':[1,1" + ones + "],'data_offsets':[0,4]}", 4));
    }

    @Test
    void aLongValueIsShownInAMessageByItsFirstCharactersAndItsLength() {
        String dtype = "F".repeat(1_000_000);
        assertRejected("bytes: tensor 'a': unknown dtype '" + "F".repeat(200) + "... (1000000 characters)'; known are [F4,"
                + " F6_E2M3, F6_E3M2, BOOL, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64,"
                + " U64]", tensorA("{'dtype':'" + dtype + "','shape':[1],'data_offsets':[0,4]}", 4));
        String name = "w".repeat(300);
        assertRejected("bytes: tensor '" + "w".repeat(200) + "... (300 characters)': missing dtype",
                file("{'" + name + "':{'shape':[1],'data_offsets':[0,4]}}", new byte[4]));
    }

    @Test
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void onlyARegularFileIsReadAndNoOtherIsOpened(@TempDir Path directory) throws Exception {
        var folder = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(directory));
        assertEquals(directory + ": not a regular file but a directory; weights are read from a file", folder.getMessage());
        // devices that never end; a pipe whose open blocks until something writes to it
        Path fifo = directory.resolve("pipe.safetensors");
        boolean piped = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        for (Path path : List.of(Path.of("/dev/zero"), Path.of("/dev/urandom"), fifo)) {
            if (path == fifo ? piped : Files.exists(path)) {
                var e = assertThrows(WeightsFormatException.class, () -> SafeTensors.read(path));
                assertEquals(path + ": not a regular file but a device, pipe or socket; weights are read from a file", e.getMessage());
            }
        }
        var missing = assertThrows(java.nio.file.NoSuchFileException.class, () -> SafeTensors.read(directory.resolve("none")));
        assertEquals(directory.resolve("none").toString(), missing.getMessage());
    }

    @Test
    void aFileCutShortAfterItsHeaderWasReadIsRefusedWhenATensorIsRead(@TempDir Path directory) throws IOException {
        Path path = directory.resolve("cut.safetensors");
        byte[] bytes = file("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", new byte[8]);
        Files.write(path, bytes);
        var e = assertThrows(WeightsFormatException.class, () -> SafeTensorsReader.read(path, reader -> {
            // another program truncates the file between the two reads
            try (var channel = java.nio.channels.FileChannel.open(path, java.nio.file.StandardOpenOption.WRITE)) {
                channel.truncate(bytes.length - 3);
            }
            return reader.readAll();
        }));
        assertEquals(path + ": ends at byte " + (bytes.length - 3) + ", not at byte " + bytes.length
                + " as when it was opened: it changed while it was read", e.getMessage());
    }

    @Test
    void keysMustNotRepeat() {
        // Jackson places a duplicate just after its name: column 55 + 3, 21 + 7 and 26 + 3
        String entry = "{'dtype':'F32','shape':[0],'data_offsets':[0,0]}";
        assertRejected("bytes: header is not valid JSON: Duplicate field 'a' at line 1, column 58",
                file("{'a':" + entry + ",'a':" + entry + "}", new byte[0]));
        assertRejected("bytes: header is not valid JSON: Duplicate field 'dtype' at line 1, column 28",
                tensorA("{'dtype':'F32','dtype':'F32','shape':[0],'data_offsets':[0,0]}", 0));
        assertRejected("bytes: header is not valid JSON: Duplicate field 'k' at line 1, column 29",
                file("{'__metadata__':{'k':'1','k':'2'}}", new byte[0]));
    }

    @Test
    void aTensorEntryNeedsEachFieldOfItsType() {
        assertRejected("bytes: tensor 'a': expected an object of dtype, shape and data_offsets, found an array",
                tensorA("[1]", 0));
        assertRejected("bytes: tensor 'a': missing dtype", tensorA("{'shape':[1],'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': missing shape", tensorA("{'dtype':'F32','data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': missing data_offsets", tensorA("{'dtype':'F32','shape':[1]}", 4));
        assertRejected("bytes: tensor 'a': dtype: expected a string, found 32",
                tensorA("{'dtype':32,'shape':[1],'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': unknown dtype 'F128'; known are [F4, F6_E2M3, F6_E3M2, BOOL, U8, I8,"
                + " F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64]",
                tensorA("{'dtype':'F128','shape':[1],'data_offsets':[0,16]}", 16));
        assertRejected("bytes: tensor 'a': unknown dtype 'f32'; known are [F4, F6_E2M3, F6_E3M2, BOOL, U8, I8,"
                + " F8_E5M2, F8_E4M3, F8_E8M0, I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64]",
                tensorA("{'dtype':'f32','shape':[1],'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': shape: expected an array of integers, found '2'",
                tensorA("{'dtype':'F32','shape':'2','data_offsets':[0,8]}", 8));
    }

    @Test
    void dimensionsAndOffsetsAreIntegersAtLeastZero() {
        assertRejected("bytes: tensor 'a': shape[1]: expected an integer from 0 to 9223372036854775807, found -1",
                tensorA("{'dtype':'F32','shape':[2,-1],'data_offsets':[0,0]}", 0));
        assertRejected("bytes: tensor 'a': shape[0]: expected an integer from 0 to 9223372036854775807, found 1.5",
                tensorA("{'dtype':'F32','shape':[1.5],'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': shape[0]: expected an integer from 0 to 9223372036854775807, found 2.0",
                tensorA("{'dtype':'F32','shape':[2.0],'data_offsets':[0,8]}", 8));
        assertRejected("bytes: tensor 'a': shape[0]: expected an integer from 0 to 9223372036854775807,"
                + " found 18446744073709551616", tensorA("{'dtype':'F32','shape':[18446744073709551616],"
                        + "'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': shape[0]: expected an integer from 0 to 9223372036854775807, found 'x'",
                tensorA("{'dtype':'F32','shape':['x'],'data_offsets':[0,4]}", 4));
        assertRejected("bytes: tensor 'a': data_offsets[0]: expected an integer from 0 to 9223372036854775807,"
                + " found -4", tensorA("{'dtype':'F32','shape':[1],'data_offsets':[-4,0]}", 4));
        assertRejected("bytes: tensor 'a': data_offsets: expected [begin, end], found 1 values",
                tensorA("{'dtype':'F32','shape':[1],'data_offsets':[4]}", 4));
        assertRejected("bytes: tensor 'a': data_offsets: expected [begin, end], found 3 values",
                tensorA("{'dtype':'F32','shape':[1],'data_offsets':[0,4,8]}", 8));
        assertRejected("bytes: tensor 'a': data_offsets [4, 0] end before they begin",
                tensorA("{'dtype':'F32','shape':[1],'data_offsets':[4,0]}", 4));
    }

    @Test
    void tensorsInOffsetOrderFollowOneAnotherFromZero() {
        String rule = " where the tensors before it end: in offset order, tensors leave no gap and do not overlap";
        assertRejected("bytes: tensor 'a': data_offsets [4, 8] begin at 4, expected 0" + rule,
                tensorA("{'dtype':'F32','shape':[1],'data_offsets':[4,8]}", 8));
        // a hole between a and b
        assertRejected("bytes: tensor 'b': data_offsets [8, 12] begin at 8, expected 4" + rule,
                file("{'b':{'dtype':'F32','shape':[1],'data_offsets':[8,12]},"
                        + "'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", new byte[12]));
        // b overlaps a's second float
        assertRejected("bytes: tensor 'b': data_offsets [4, 12] begin at 4, expected 8" + rule,
                file("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
                        + "'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", new byte[12]));
        // two tensors on the same bytes
        assertRejected("bytes: tensor 'b': data_offsets [0, 4] begin at 0, expected 4" + rule,
                file("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},"
                        + "'b':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", new byte[4]));
    }

    @Test
    void eachTensorHoldsExactlyTheBytesOfItsShape() throws IOException {
        assertRejected("bytes: tensor 'a': shape [2, 3] of F32 needs 24 bytes, data_offsets [0, 20] hold 20",
                tensorA("{'dtype':'F32','shape':[2,3],'data_offsets':[0,20]}", 20));
        assertRejected("bytes: tensor 'a': shape [] of F64 needs 8 bytes, data_offsets [0, 4] hold 4",
                tensorA("{'dtype':'F64','shape':[],'data_offsets':[0,4]}", 4));
        // 2^62 * 4 elements overflow a long before the bits do
        assertRejected("bytes: tensor 'a': shape [4611686018427387904, 4] of F32 has more bits than a long counts",
                tensorA("{'dtype':'F32','shape':[4611686018427387904,4],'data_offsets':[0,0]}", 0));
        // 2^60 elements fit, their 2^60 * 16 bits do not
        assertRejected("bytes: tensor 'a': shape [1152921504606846976] of F16 has more bits than a long counts",
                tensorA("{'dtype':'F16','shape':[1152921504606846976],'data_offsets':[0,0]}", 0));
        // 3 * 4 = 12 bits is a byte and a half
        assertRejected("bytes: tensor 'a': shape [3] of F4 is 12 bits, not a whole number of bytes",
                tensorA("{'dtype':'F4','shape':[3],'data_offsets':[0,2]}", 2));
        // a dimension past an int is fine when another is 0: no bytes
        SafeTensors empty = SafeTensors.read(tensorA("{'dtype':'F32','shape':[0,4611686018427387904],"
                + "'data_offsets':[0,0]}", 0));
        assertEquals(0, empty.tensor("a").byteLength());
        // and 4 F4 values are two bytes
        assertEquals(2, SafeTensors.read(tensorA("{'dtype':'F4','shape':[4],'data_offsets':[0,2]}", 2))
                .tensor("a").byteLength());
    }

    @Test
    void theHeaderAndTheDataMakeTheWholeFile() {
        // the header is 54 bytes
        String header = "{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}";
        assertEquals(54, header.length());
        assertRejected("bytes: expected 8 + 54 header bytes + 8 data bytes as the tensors declare, found 66 bytes",
                file(header, new byte[4]));
        assertRejected("bytes: expected 8 + 54 header bytes + 8 data bytes as the tensors declare, found 71 bytes",
                file(header, new byte[9]));
        assertRejected("bytes: expected 8 + 2 header bytes + 0 data bytes as the tensors declare, found 11 bytes",
                file("{}", new byte[1]));
    }

    @Test
    void metadataIsAnObjectOfStrings() {
        assertRejected("bytes: __metadata__: expected an object of strings, found 'pt'",
                file("{'__metadata__':'pt'}", new byte[0]));
        assertRejected("bytes: __metadata__: expected an object of strings, found null",
                file("{'__metadata__':null}", new byte[0]));
        assertRejected("bytes: __metadata__ 'epoch': expected a string, found 3",
                file("{'__metadata__':{'format':'pt','epoch':3}}", new byte[0]));
        assertRejected("bytes: __metadata__ 'nested': expected a string, found an object",
                file("{'__metadata__':{'nested':{}}}", new byte[0]));
    }

    /**
     * Mutations of a valid file: byte flips anywhere, truncations, header bytes replaced by JSON's
     * punctuation and digits (with the header length kept), and random header lengths. Each read
     * either succeeds or fails with the documented exception, never another.
     */
    @Test
    void mutatedFilesReadOrFailWithTheDocumentedExceptionOnly() throws IOException {
        byte[] data = new byte[38];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (37 * i);
        }
        byte[] valid = file("{'__metadata__':{'format':'pt'},'w':{'dtype':'F32','shape':[2,3],'data_offsets':[0,24]},"
                + "'h':{'dtype':'F16','shape':[3],'data_offsets':[24,30]},'n':{'dtype':'I64','shape':[],"
                + "'data_offsets':[30,38]}}   ", data);
        assertEquals(3, SafeTensors.read(valid).tensors().size());
        int headerEnd = 8 + (int) ByteBuffer.wrap(valid).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] punctuation = "{}[]\":,-.0123456789eE \\u".getBytes(StandardCharsets.US_ASCII);
        SplittableRandom random = new SplittableRandom(20240607);
        int read = 0;
        int rejected = 0;
        for (int round = 0; round < 5000; round++) {
            byte[] bytes = valid.clone();
            switch (round % 4) {
                case 0 -> {
                    for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                        bytes[random.nextInt(bytes.length)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length));
                case 2 -> {
                    for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                        bytes[8 + random.nextInt(headerEnd - 8)] = punctuation[random.nextInt(punctuation.length)];
                    }
                }
                default -> ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(0, random.nextBoolean() ? random.nextLong() : random.nextInt(headerEnd + 16));
            }
            try {
                SafeTensors result = SafeTensors.read(bytes);
                for (String name : result.tensors().keySet()) {
                    if (EnumSet.of(Dtype.F32, Dtype.F16, Dtype.BF16, Dtype.F64).contains(result.tensor(name).dtype())) {
                        result.floats(name);
                    }
                }
                read++;
            } catch (WeightsFormatException e) {
                assertTrue(e.getMessage().startsWith("bytes: "), e.getMessage());
                rejected++;
            } catch (RuntimeException e) {
                fail("round " + round + ": " + e + " for " + Arrays.toString(bytes), e);
            }
        }
        assertTrue(read > 0 && rejected > 0, read + " read and " + rejected + " rejected");
    }
}
