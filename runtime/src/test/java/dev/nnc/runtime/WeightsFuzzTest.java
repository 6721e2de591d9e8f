package dev.nnc.runtime;

import static dev.nnc.runtime.WeightsTest.OTHER;
import static dev.nnc.runtime.WeightsTest.PARAMETERS;
import static dev.nnc.runtime.WeightsTest.bits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutations of one valid weights file (weights, an optimizer state with a slot and a scalar, a
 * scaler and class labels). Each load either puts back the saved weights bit for bit (the mutation
 * was harmless: padding, a metadata value nothing checks) or fails with a
 * {@link WeightsFormatException} and leaves the model exactly as it was. No other outcome.
 */
class WeightsFuzzTest {

    private static final long SEED = 20250611;
    private static final int CASES = 3000;
    private static final int KINDS = 11;

    /** A tensor's header entry as the writer writes it. */
    private static final Pattern TENSOR_ENTRY = Pattern.compile(
            "\"[^\"]+\":\\{\"dtype\":\"([A-Z0-9_]+)\",\"shape\":\\[[0-9,]*\\],\"data_offsets\":\\[[0-9]+,[0-9]+\\]\\}");
    /** A metadata entry: a key and a string value, escapes included. */
    private static final Pattern METADATA_ENTRY = Pattern.compile("\"[^\"\\\\]+\":\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern SIZES = Pattern.compile("\"(?:shape|data_offsets)\":\\[[0-9,]*\\]");
    private static final String[] DTYPES = {"F16", "BF16", "F32", "F64", "I64", "I32", "U8", "BOOL", "F8_E4M3", "F4", "F31",
        "f32"};

    @TempDir
    Path directory;

    /** The file's header JSON and its data, to edit the one and keep the other. */
    private record Parts(String header, byte[] data) {

        static Parts of(byte[] file) {
            int length = (int) ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
            return new Parts(new String(file, 8, length, StandardCharsets.UTF_8),
                    Arrays.copyOfRange(file, 8 + length, file.length));
        }

        /** A file of {@code header}, with its true length, and this data. */
        byte[] with(String header) {
            byte[] json = header.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(json.length).put(json).put(data).array();
        }
    }

    /** What was saved: {@link WeightsTest#PARAMETERS}, 12 steps at 0.03 with a momentum buffer, a scaler, two labels. */
    private static byte[] original() {
        MomentumLinearModel model = new MomentumLinearModel();
        model.writeParameters(PARAMETERS);
        model.setOptimizerState(OptimizerState.of("sgd", 12, 0.03,
                Map.of("momentum_buffer", new float[] {0.5f, -1, 2, 0, 1e-3f, -4, 8, 0.25f}), Map.of("momentum", 0.9)));
        // 2 features: each statistic is 16 bytes, a length no weight tensor has, so no offset edit can swap them in
        Scaler scaler = new MinMaxScaler(-1, 2).fit(new float[] {1, -2, 3, 5, -4, 0.5f}, 2);
        SaveOptions options = SaveOptions.weightsOnly().withOptimizerState().withScaler("features", scaler)
                .withClassLabels(List.of("cat", "dög \"big\""));
        return Weights.toFile(model, options).toBytes();
    }

    /** A random match of {@code pattern} in {@code text}, or null. */
    private static Matcher anyMatch(Pattern pattern, String text, int limit, SplittableRandom random) {
        List<int[]> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find() && matcher.start() < limit) {
            found.add(new int[] {matcher.start(), matcher.end()});
        }
        if (found.isEmpty()) {
            return null;
        }
        int[] chosen = found.get(random.nextInt(found.size()));
        Matcher result = pattern.matcher(text);
        result.region(chosen[0], chosen[1]);
        return result.lookingAt() ? result : null;
    }

    private static byte[] mutate(byte[] valid, Parts parts, int kind, SplittableRandom random) throws IOException {
        String header = parts.header();
        int headerEnd = 8 + header.getBytes(StandardCharsets.UTF_8).length;
        // where the metadata ends and the tensors begin
        int tensorsStart = header.indexOf("},\"") + 1;
        switch (kind) {
            case 0 -> {
                // bit flips, all in the header or all in the data
                byte[] bytes = valid.clone();
                boolean inHeader = random.nextBoolean();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    int at = inHeader ? random.nextInt(headerEnd) : headerEnd + random.nextInt(valid.length - headerEnd);
                    bytes[at] ^= (byte) (1 << random.nextInt(8));
                }
                return bytes;
            }
            case 1 -> {
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            }
            case 2 -> {
                // a digit of a shape or data_offsets replaced by another
                Matcher sizes = anyMatch(SIZES, header, header.length(), random);
                List<Integer> digits = new ArrayList<>();
                for (int i = sizes.start(); i < sizes.end(); i++) {
                    if (Character.isDigit(header.charAt(i))) {
                        digits.add(i);
                    }
                }
                int at = digits.get(random.nextInt(digits.size()));
                char digit = (char) ('0' + (header.charAt(at) - '0' + 1 + random.nextInt(9)) % 10);
                return parts.with(header.substring(0, at) + digit + header.substring(at + 1));
            }
            case 3 -> {
                // an entry written twice, a tensor's or a metadata key's
                Matcher entry = random.nextBoolean() ? anyMatch(TENSOR_ENTRY, header, header.length(), random)
                        : anyMatch(METADATA_ENTRY, header, tensorsStart, random);
                return parts.with(header.substring(0, entry.end()) + "," + entry.group() + header.substring(entry.end()));
            }
            case 4 -> {
                Matcher entry = anyMatch(TENSOR_ENTRY, header, header.length(), random);
                String dtype = DTYPES[random.nextInt(DTYPES.length)];
                return parts.with(header.substring(0, entry.start(1)) + dtype + header.substring(entry.end(1)));
            }
            case 5 -> {
                // an entry deleted, a tensor's (its data stays) or a metadata key's
                boolean tensor = random.nextBoolean();
                Matcher entry = tensor ? anyMatch(TENSOR_ENTRY, header, header.length(), random)
                        : anyMatch(METADATA_ENTRY, header, tensorsStart, random);
                int start = entry.start();
                int end = entry.end();
                if (header.charAt(end) == ',') {
                    end++;
                } else if (header.charAt(start - 1) == ',') {
                    start--;
                }
                return parts.with(header.substring(0, start) + header.substring(end));
            }
            case 6 -> {
                // JSON white space where the padding is, or more of it: harmless
                String space = List.of(" ", "\t", "\n", "\r\n", "        ").get(random.nextInt(5));
                return parts.with(random.nextBoolean() ? header.stripTrailing() + space : header + space);
            }
            case 8 -> {
                // anything before the object, white space included: the reference reader wants '{' first
                return parts.with(List.of(" ", "\t", "\n", "\uFEFF", "x", "[").get(random.nextInt(6)) + header);
            }
            case 9 -> {
                // a field the format does not know, ignored, nested up to 200 deep in a tensor's entry: past 128 levels, refused
                Matcher entry = anyMatch(TENSOR_ENTRY, header, header.length(), random);
                int depth = 1 + random.nextInt(200);
                return parts.with(header.substring(0, entry.end() - 1) + ",\"x\":" + "[".repeat(depth) + "]".repeat(depth)
                        + header.substring(entry.end() - 1));
            }
            case 10 -> {
                // the header declares what the load would read and no model bounds, the checksum made right for it: a slot
                // no optimizer keeps, a scaler's statistic of another length or a dtype not a float's, a scaler without its
                // statistics; each refused from the header
                int length = List.of(1, 3, 4, 5).get(random.nextInt(4));
                return switch (random.nextInt(4)) {
                    case 0 -> WeightsTest.editedTensors(valid, tensors -> tensors.put("optimizer/x" + random.nextInt(1000),
                            StoredTensor.f32(new float[8], 8)));
                    case 1 -> WeightsTest.editedTensors(valid, tensors -> tensors.put("scaler/features/center",
                            StoredTensor.f64(new double[length], length)));
                    case 2 -> WeightsTest.editedTensors(valid, tensors -> tensors.put("scaler/features/divisor",
                            WeightsTest.raw(Dtype.I64, WeightsTest.int64(1, 2), 2)));
                    default -> WeightsTest.editedMetadata(valid, metadata -> metadata.put("scaler/more", "StandardScaler"));
                };
            }
            case 7 -> {
                byte[] bytes = valid.clone();
                ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(0, random.nextBoolean() ? random.nextLong() : random.nextInt(headerEnd + 16));
                return bytes;
            }
            default -> throw new IllegalArgumentException("no mutation " + kind);
        }
    }

    /** The model's weights' bits, steps, learning rate and optimizer state. */
    private static List<Object> state(Model model) {
        return WeightsTest.state(model);
    }

    @Test
    @Timeout(60)
    void mutatedFilesLoadTheSavedWeightsOrAreRefusedLeavingTheModelAsItWas() throws IOException {
        byte[] valid = original();
        Parts parts = Parts.of(valid);
        MomentumLinearModel model = new MomentumLinearModel();
        model.writeParameters(OTHER);
        Weights.load(model, valid);
        assertArrayEquals(bits(PARAMETERS), bits(model.snapshot()), "the unmutated file loads");
        model.writeParameters(OTHER);

        SplittableRandom random = new SplittableRandom(SEED);
        int[] loaded = new int[KINDS];
        int[] refused = new int[KINDS];
        Path path = directory.resolve("mutated.safetensors");
        for (int round = 0; round < CASES; round++) {
            int kind = round % KINDS;
            byte[] bytes = mutate(valid, parts, kind, random);
            String where = "seed " + SEED + ", case " + round + " (mutation " + kind + ")";
            List<Object> before = state(model);
            // every tenth case also resumes, through a file: that writes the optimizer state too
            boolean resume = round % 10 == 0;
            try {
                if (resume) {
                    Files.write(path, bytes);
                    Weights.resume(model, path);
                } else {
                    Weights.load(model, bytes);
                }
                assertArrayEquals(bits(PARAMETERS), bits(model.snapshot()), where + ": loaded other weights");
                if (!resume) {
                    assertEquals(before.subList(1, 4), state(model).subList(1, 4), where + ": a load changed the optimizer");
                }
                loaded[kind]++;
            } catch (WeightsFormatException e) {
                String source = resume ? path.toString() : "bytes";
                assertTrue(e.getMessage().startsWith(source + ": "), where + ": " + e.getMessage());
                assertEquals(before, state(model), where + ": refused with '" + e.getMessage() + "' but changed the model");
                refused[kind]++;
            } catch (Exception e) {
                fail(where + ": " + e, e);
            }
            // back to what it was for the next case: a success has put the saved weights and maybe a state in
            model.writeParameters(OTHER);
            model.setOptimizerState(OptimizerState.of("sgd", 0, 0.1, Map.of("momentum_buffer", new float[8]),
                    Map.of("momentum", 0.9)));
        }
        String counts = "loaded " + Arrays.toString(loaded) + ", refused " + Arrays.toString(refused) + " by mutation";
        for (int kind = 0; kind < KINDS; kind++) {
            // white space after the object is harmless; every other kind of mutation is refused some of the time
            assertTrue(kind == 6 ? refused[kind] == 0 && loaded[kind] > 0 : refused[kind] > 0, "mutation " + kind + ": " + counts);
        }
        assertEquals(0, loaded[8], "anything before the object is refused: " + counts);
        assertEquals(0, loaded[10], "a slot no optimizer keeps, or a scaler's statistics not one length of a float dtype, are"
                + " refused: " + counts);
        assertTrue(loaded[9] > 0, "a field nested within the limit is ignored: " + counts);
        assertEquals(0, loaded[0], "a bit flip anywhere is refused: the checksum covers the contents, and a file of this format"
                + " must carry it: " + counts);
    }
}
