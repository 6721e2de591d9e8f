package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Weights} on {@link LinearModel}(3, 2): what a saved file holds, byte for byte where the
 * format fixes it; that a load puts the weights back bit for bit; and that each way a file can
 * fail to fit the model is refused with one message, the model untouched.
 */
class WeightsTest {

    /** Keras' kernel [in 3][out 2] row-major, then the bias [2]; a negative zero and a subnormal, whose bits must survive. */
    static final float[] PARAMETERS = {
        0.5f, -1.25f, // kernel[0][0], kernel[0][1]
        3.0e-3f, -0.0f, // kernel[1][0], kernel[1][1]
        Float.MIN_VALUE, 7.75f, // kernel[2][0], kernel[2][1]
        0.1f, -2.5f, // bias
    };

    /** PyTorch's {@code dense.weight} [out 2][in 3] of {@link #PARAMETERS}, worked out by hand: weight[j][k] = kernel[k][j]. */
    static final float[] TORCH_WEIGHT = {0.5f, 3.0e-3f, Float.MIN_VALUE, -1.25f, -0.0f, 7.75f};

    static final float[] TORCH_BIAS = {0.1f, -2.5f};

    /** {@link #PARAMETERS} for a batch normalisation layer, whose running variance (the last two) is never negative. */
    static final float[] NORM_PARAMETERS = {0.5f, -1.25f, 3.0e-3f, -0.0f, Float.MIN_VALUE, 7.75f, 0.1f, 2.5f};

    /** What a model holds before a load, unlike {@link #PARAMETERS} in every value: a partial load would show. */
    static final float[] OTHER = {9, 8, 7, 6, 5, 4, 3, 2};

    /** The one line of LinearModel(3, 2)'s architecture. */
    static final String LAYERS = "dense: DENSE [3] -> [2] LINEAR";

    @TempDir
    Path directory;

    // ---- helpers ----

    static LinearModel linear(float[] parameters) {
        LinearModel model = new LinearModel(3, 2, 0.1);
        model.writeParameters(parameters);
        return model;
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    static void assertBits(float[] expected, float[] actual, String what) {
        assertArrayEquals(bits(expected), bits(actual), what + ": expected " + Arrays.toString(expected) + ", found "
                + Arrays.toString(actual));
    }

    /** Everything a load may change: the weights' bits, the steps, the learning rate and the optimizer state. */
    static List<Object> state(Model model) {
        return List.of(Arrays.toString(bits(model.snapshot())), model.steps(), model.learningRate(), model.optimizerState());
    }

    /** {@code load} fails with exactly {@code message}, and leaves {@code model} as it was. */
    static void assertRefused(String message, Model model, Executable load) {
        List<Object> before = state(model);
        var e = assertThrows(WeightsFormatException.class, load);
        assertEquals(message, e.getMessage());
        assertEquals(before, state(model), "the model after the refusal");
    }

    /** Loading {@code bytes} into {@code model} fails with exactly {@code message}, and leaves it as it was. */
    static void assertRefused(String message, Model model, byte[] bytes) {
        assertRefused(message, model, () -> Weights.load(model, bytes));
    }

    /** The bytes of {@code model} saved with {@code options}, through a file. */
    byte[] saved(Model model, SaveOptions options) throws IOException {
        Path path = directory.resolve("saved.safetensors");
        Weights.save(model, path, options);
        return Files.readAllBytes(path);
    }

    byte[] saved(Model model) throws IOException {
        return saved(model, SaveOptions.weightsOnly());
    }

    /**
     * {@code crc32c:} and the CRC-32C the format defines, computed here: each tensor in name order
     * (name, dtype, rank and dimensions, data), then each metadata entry but the checksum in key
     * order; texts as their UTF-8 length and bytes, numbers as 8 little-endian bytes.
     */
    static String crc32c(byte[] file) throws IOException {
        SafeTensors read = SafeTensors.read(file);
        return crc32c(read.tensors(), read.metadata());
    }

    static String crc32c(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (String name : new TreeSet<>(tensors.keySet())) {
            StoredTensor tensor = tensors.get(name);
            text(contents, name);
            text(contents, tensor.dtype().name());
            number(contents, tensor.shape().size());
            tensor.shape().forEach(dimension -> number(contents, dimension));
            ByteBuffer data = tensor.data();
            while (data.hasRemaining()) {
                contents.write(data.get());
            }
        }
        new TreeMap<>(metadata).forEach((key, value) -> {
            if (!key.equals(Weights.CHECKSUM)) {
                text(contents, key);
                text(contents, value);
            }
        });
        CRC32C crc = new CRC32C();
        crc.update(contents.toByteArray());
        return String.format("crc32c:%08x", crc.getValue());
    }

    private static void text(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        number(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void number(ByteArrayOutputStream out, long number) {
        out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(number).array());
    }

    static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code file} with its tensors and metadata edited; its checksum, when it records one,
     * recomputed here over the new data so that the edit alone is what a load sees.
     */
    static byte[] edited(byte[] file, Consumer<Map<String, StoredTensor>> tensorEdit, Consumer<Map<String, String>> metadataEdit)
            throws IOException {
        SafeTensors read = SafeTensors.read(file);
        Map<String, StoredTensor> tensors = new LinkedHashMap<>(read.tensors());
        Map<String, String> metadata = new LinkedHashMap<>(read.metadata());
        tensorEdit.accept(tensors);
        metadataEdit.accept(metadata);
        if (metadata.containsKey(Weights.CHECKSUM)) {
            metadata.put(Weights.CHECKSUM, crc32c(tensors, metadata));
        }
        return SafeTensors.of(tensors, metadata).toBytes();
    }

    static byte[] editedTensors(byte[] file, Consumer<Map<String, StoredTensor>> edit) throws IOException {
        return edited(file, edit, metadata -> {});
    }

    static byte[] editedMetadata(byte[] file, Consumer<Map<String, String>> edit) throws IOException {
        return edited(file, tensors -> {}, edit);
    }

    /** Tensors in the order given: name, tensor, name, tensor, ... */
    static Map<String, StoredTensor> tensors(Object... namesAndTensors) {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTensors.length; i += 2) {
            tensors.put((String) namesAndTensors[i], (StoredTensor) namesAndTensors[i + 1]);
        }
        return tensors;
    }

    /** A tensor of {@code dtype} over {@code bytes} as they are. */
    static StoredTensor raw(Dtype dtype, byte[] bytes, long... shape) {
        return new StoredTensor(dtype, shape, ByteBuffer.wrap(bytes));
    }

    static byte[] int64(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        return bytes.array();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(directory::relativize).sorted().toList();
        }
    }

    /** {@code rows} rows of {@code features} values in [-5, 5), seeded. */
    static float[] randomData(int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[rows * features];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextDouble(-5, 5);
        }
        return data;
    }

    // ---- the file and the round trip ----

    @Test
    void savedWeightsLoadIntoAFreshModelBitForBit() throws IOException {
        Path path = directory.resolve("linear.safetensors");
        Weights.save(linear(PARAMETERS), path);
        LinearModel fresh = linear(OTHER);

        Weights.Loaded loaded = Weights.load(fresh, path);

        assertBits(PARAMETERS, fresh.snapshot(), "the loaded parameters");
        assertEquals(0, fresh.steps(), "a load leaves the optimizer alone");
        assertEquals(0.1, fresh.learningRate());
        assertEquals(Map.of(), loaded.scalers());
        assertEquals(List.of(), loaded.classLabels());
        assertEquals(Optional.empty(), loaded.optimizerState());
        assertEquals("Linear", loaded.metadata().get(Weights.NETWORK));
        // Model's default method is the same load
        LinearModel viaModel = linear(OTHER);
        viaModel.loadWeights(path);
        assertBits(PARAMETERS, viaModel.snapshot(), "loaded by Model.loadWeights");
    }

    @Test
    void theFileIsPyTorchsStateDictWithTheDocumentedMetadata() throws Exception {
        Path path = directory.resolve("linear.safetensors");
        linear(PARAMETERS).saveWeights(path);
        byte[] bytes = Files.readAllBytes(path);
        SafeTensors file = SafeTensors.read(bytes);

        assertEquals(List.of("dense.weight", "dense.bias"), List.copyOf(file.tensors().keySet()));
        assertEquals(List.of(2L, 3L), file.tensor("dense.weight").shape());
        assertEquals(List.of(2L), file.tensor("dense.bias").shape());
        assertEquals(Dtype.F32, file.tensor("dense.weight").dtype());
        assertEquals(Dtype.F32, file.tensor("dense.bias").dtype());
        float[] weight = file.floats("dense.weight");
        for (int j = 0; j < 2; j++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(Float.floatToRawIntBits(PARAMETERS[k * 2 + j]), Float.floatToRawIntBits(weight[j * 3 + k]),
                        "dense.weight[" + j + "][" + k + "] is kernel[" + k + "][" + j + "]");
            }
        }
        assertBits(TORCH_WEIGHT, weight, "dense.weight");
        assertBits(TORCH_BIAS, file.floats("dense.bias"), "dense.bias");

        Map<String, String> metadata = file.metadata();
        assertEquals("nnc.weights", metadata.get("format"));
        assertEquals("1", metadata.get("format_version"));
        assertEquals("Linear", metadata.get("network"));
        assertEquals(LAYERS, metadata.get("layers"));
        String architecture = metadata.get("architecture");
        assertTrue(architecture.matches("[0-9a-f]{64}"), architecture);
        assertEquals(sha256(LAYERS), architecture, "the SHA-256 of the layers' lines");
        String checksum = metadata.get("checksum");
        assertTrue(checksum.matches("crc32c:[0-9a-f]{8}"), checksum);
        assertEquals(crc32c(bytes), checksum, "the CRC-32C of the contents");
        assertEquals(List.of("format", "format_version", "network", "architecture", "layers", "checksum"),
                List.copyOf(metadata.keySet()), "nothing else for the weights alone");
    }

    @Test
    void aPyTorchFileWithoutMetadataLoadsByNamesAndShapesAlone() throws IOException {
        // as safetensors.torch.save_file(model.state_dict()) writes it: no __metadata__, its own order
        byte[] torch = SafeTensors.of(tensors(
                "dense.bias", StoredTensor.f32(new float[] {7, 8}, 2),
                "dense.weight", StoredTensor.f32(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)), Map.of()).toBytes();
        LinearModel model = linear(OTHER);

        Weights.Loaded loaded = Weights.load(model, torch);

        // weight rows (1, 2, 3) and (4, 5, 6) are the kernel's columns: kernel rows (1, 4), (2, 5), (3, 6)
        assertBits(new float[] {1, 4, 2, 5, 3, 6, 7, 8}, model.snapshot(), "the loaded parameters");
        assertEquals(Map.of(), loaded.metadata());
        assertEquals(Optional.empty(), loaded.optimizerState());
    }

    @Test
    void halfBfloat16AndDoubleTensorsLoadConverted() throws IOException {
        // F16 1, -2, 0.5, 0x3555 = 1.3330078125 / 4, 2^-24 (the smallest subnormal), -0; BF16 1, -5
        StoredTensor half = raw(Dtype.F16, SafeTensorsTest.u16(0x3C00, 0xC000, 0x3800, 0x3555, 0x0001, 0x8000), 2, 3);
        StoredTensor bfloat = raw(Dtype.BF16, SafeTensorsTest.u16(0x3F80, 0xC0A0), 2);
        LinearModel halves = linear(OTHER);
        Weights.load(halves, SafeTensors.of(tensors("dense.weight", half, "dense.bias", bfloat), Map.of()).toBytes());
        // kernel[k][j] = weight[j][k]
        assertBits(new float[] {1, 0.333251953125f, -2, 0x1p-24f, 0.5f, -0.0f, 1, -5}, halves.snapshot(), "from F16 and BF16");

        // F64, rounded to the nearest float: 1 + 2^-24 is halfway, to the even 1; 1e-46 is below half the smallest float
        byte[] doubles = editedTensors(saved(linear(PARAMETERS)), tensors -> {
            tensors.put("dense.weight", StoredTensor.f64(new double[] {0.1, -1e-3, 1 + 0x1p-24, 3, 1e-46, -7.5}, 2, 3));
            tensors.put("dense.bias", StoredTensor.f64(new double[] {0.25, -1024}, 2));
        });
        LinearModel wide = linear(OTHER);
        Weights.load(wide, doubles);
        assertBits(new float[] {0.1f, 3, -1e-3f, 0, 1, -7.5f, 0.25f, -1024}, wide.snapshot(), "from F64");
    }

    // ---- refusals ----

    @Test
    void aMissingTensorIsRefused() throws IOException {
        byte[] bytes = editedTensors(saved(linear(PARAMETERS)), tensors -> tensors.remove("dense.bias"));
        assertRefused("bytes: no tensor [dense.bias]; Linear needs [dense.weight, dense.bias], the file has [dense.weight]",
                linear(OTHER), bytes);
    }

    @Test
    void anExtraTensorIsRefused() throws IOException {
        byte[] one = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.scale", StoredTensor.f32(new float[] {1, 1}, 2)));
        assertRefused("bytes: unexpected tensor [dense.scale]; Linear has [dense.weight, dense.bias]", linear(OTHER), one);
        byte[] two = editedTensors(one, tensors -> tensors.put("head.weight", StoredTensor.f32(new float[] {1}, 1, 1)));
        assertRefused("bytes: unexpected tensors [dense.scale, head.weight]; Linear has [dense.weight, dense.bias]",
                linear(OTHER), two);
    }

    @Test
    void aMessageShowsTheFirstTenNamesOfAListAndCountsTheRest() throws IOException {
        Map<String, StoredTensor> many = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            many.put("extra." + i, StoredTensor.f32(new float[0], 0));
        }
        byte[] extras = editedTensors(saved(linear(PARAMETERS)), tensors -> tensors.putAll(many));
        assertRefused("bytes: unexpected tensors [extra.0, extra.1, extra.2, extra.3, extra.4, extra.5, extra.6, extra.7,"
                + " extra.8, extra.9, and 4990 more]; Linear has [dense.weight, dense.bias]", linear(OTHER), extras);
        byte[] biasless = editedTensors(extras, tensors -> tensors.remove("dense.bias"));
        assertRefused("bytes: no tensor [dense.bias]; Linear needs [dense.weight, dense.bias], the file has [dense.weight,"
                + " extra.0, extra.1, extra.2, extra.3, extra.4, extra.5, extra.6, extra.7, extra.8, and 4991 more]",
                linear(OTHER), biasless);
    }

    @Test
    void whatIsNotARegularFileIsRefusedNamingItAndNeverOpened() throws IOException {
        LinearModel model = linear(OTHER);
        assertRefused(directory + ": not a regular file but a directory; weights are read from a file", model,
                () -> Weights.load(model, directory));
        // a device never ends: reading it whole would fill the heap
        Path zero = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(zero), "a /dev/zero");
        assertRefused("/dev/zero: not a regular file but a device, pipe or socket; weights are read from a file", model,
                () -> Weights.resume(model, zero));
    }

    /**
     * Prints this JVM's heap ({@link Runtime#maxMemory()}), then loads the file {@code args[0]} into a
     * LinearModel({@code args[1]}, {@code args[2]}) and prints the refusal's message, or {@code loaded}.
     */
    static final class LoadIntoLinear {
        public static void main(String[] args) throws IOException {
            System.out.println(Runtime.getRuntime().maxMemory());
            try {
                Weights.load(new LinearModel(Integer.parseInt(args[1]), Integer.parseInt(args[2]), 0.1), Path.of(args[0]));
                System.out.println("loaded");
            } catch (WeightsFormatException e) {
                System.out.println(e.getMessage());
            }
        }
    }

    /** What {@link LoadIntoLinear} printed: the child's heap in bytes, and the outcome of its load. */
    record SmallHeap(long heap, String outcome) {}

    /** {@link LoadIntoLinear} of {@code file} into a LinearModel({@code inputs}, {@code outputs}) in a JVM of 256 MB of heap. */
    static SmallHeap loadInSmallHeap(Path file, int inputs, int outputs) throws IOException, InterruptedException {
        Process child = ChildJvm.start(LoadIntoLinear.class, List.of("-Xmx256m"), file.toString(), Integer.toString(inputs),
                Integer.toString(outputs));
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), output);
        String[] lines = output.strip().split("\n", 2);
        return new SmallHeap(Long.parseLong(lines[0].strip()), lines[1].strip());
    }

    /** A tensor of a header written by hand: its name, dtype and shape. */
    record Declared(String name, Dtype dtype, long... shape) {
        long bytes() {
            return dtype.bits(shape) / 8;
        }
    }

    /**
     * Writes to {@code file} a header of {@code metadata} and {@code tensors}, laid out in their
     * order, then zeros as long as the tensors declare: a hole in a sparse file, so that gigabytes
     * cost nothing.
     */
    static void sparseFile(Path file, Map<String, String> metadata, Declared... tensors) throws IOException {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{");
        metadata.forEach((key, value) -> header.append(header.charAt(header.length() - 1) == '{' ? "" : ",")
                .append('"').append(key).append("\":\"").append(value).append('"'));
        header.append('}');
        long end = 0;
        for (Declared tensor : tensors) {
            header.append(",\"").append(tensor.name()).append("\":{\"dtype\":\"").append(tensor.dtype())
                    .append("\",\"shape\":").append(Arrays.toString(tensor.shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(end).append(',').append(end + tensor.bytes()).append("]}");
            end += tensor.bytes();
        }
        byte[] json = header.append('}').toString().getBytes(StandardCharsets.UTF_8);
        try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, json.length));
            out.write(ByteBuffer.wrap(json));
            out.write(ByteBuffer.allocate(1), 8 + json.length + end - 1);
        }
        assertEquals(8 + json.length + end, Files.size(file));
    }

    /** The weights of LinearModel(3, 2) as a header by hand declares them. */
    static final Declared[] LINEAR_WEIGHTS = {new Declared("dense.weight", Dtype.F32, 2, 3), new Declared("dense.bias", Dtype.F32, 2)};

    /** {@code tensors} after {@link #LINEAR_WEIGHTS}. */
    static Declared[] afterLinearWeights(Declared... tensors) {
        Declared[] all = Arrays.copyOf(LINEAR_WEIGHTS, LINEAR_WEIGHTS.length + tensors.length);
        System.arraycopy(tensors, 0, all, LINEAR_WEIGHTS.length, tensors.length);
        return all;
    }

    @Test
    void aFileWithAnExtraTensorOfGigabytesIsRefusedFromItsHeaderInASmallHeap() throws Exception {
        // LinearModel(3, 2)'s weights and a 1.5 GiB tensor more, declared in the header; its bytes are a hole in a sparse file
        Path path = directory.resolve("huge.safetensors");
        sparseFile(path, Map.of(), afterLinearWeights(new Declared("extra", Dtype.F32, 3L << 27)));
        String refusal = path + ": unexpected tensor [extra]; Linear has [dense.weight, dense.bias]";

        LinearModel model = linear(OTHER);
        assertRefused(refusal, model, () -> Weights.load(model, path));
        // in a heap of 256 MB, which could not hold the tensor: it is never read
        assertEquals(refusal, loadInSmallHeap(path, 3, 2).outcome());
    }

    @Test
    void aScalerStatisticOfGigabytesBesideSmallOnesIsRefusedFromTheHeaderInASmallHeap() throws Exception {
        // a StandardScaler's center of 1.5 GiB of doubles, its divisor and statistic of 3 values
        Path path = directory.resolve("center.safetensors");
        sparseFile(path, Map.of("scaler/s", "StandardScaler"), afterLinearWeights(
                new Declared("scaler/s/center", Dtype.F64, 3L << 26), new Declared("scaler/s/divisor", Dtype.F64, 3),
                new Declared("scaler/s/statistic", Dtype.F64, 3)));
        String refusal = path + ": scaler 's': expected center, divisor and statistic of one length, at least 1, found"
                + " 201326592, 3 and 3";

        LinearModel model = linear(OTHER);
        assertRefused(refusal, model, () -> Weights.load(model, path));
        assertEquals(refusal, loadInSmallHeap(path, 3, 2).outcome());
    }

    @Test
    void scalersTooLargeToLoadInThisHeapAreRefusedFromTheHeader() throws Exception {
        // a StandardScaler of 201326592 features: each statistic 1.5 GiB of doubles, 4.5 GiB in all, a hole in a sparse file
        long features = 3L << 26;
        Path path = directory.resolve("scaler.safetensors");
        sparseFile(path, Map.of("scaler/s", "StandardScaler"), afterLinearWeights(
                new Declared("scaler/s/center", Dtype.F64, features), new Declared("scaler/s/divisor", Dtype.F64, features),
                new Declared("scaler/s/statistic", Dtype.F64, features)));

        SmallHeap child = loadInSmallHeap(path, 3, 2);
        // 8 bytes a value in the file, and 8 as the scaler's doubles
        long load = 3 * features * (8 + 8);
        assertEquals(path + ": scaler 's': its statistics take " + load + " bytes to load (3 x " + features + " values, their"
                + " bytes in the file and 8 bytes a value as doubles), more than half of this JVM's heap of " + child.heap()
                + " bytes (Runtime.maxMemory())", child.outcome());
    }

    @Test
    void optimizerSlotsNoOptimizerKeepsAreRefusedFromTheHeaderInASmallHeap() throws Exception {
        // LinearModel(1024, 1024), of 1049600 parameters, and 100 slots of 4 MiB, 420 MB in all, named as no optimizer's are
        int parameters = 1024 * 1024 + 1024;
        Declared[] tensors = new Declared[102];
        tensors[0] = new Declared("dense.weight", Dtype.F32, 1024, 1024);
        tensors[1] = new Declared("dense.bias", Dtype.F32, 1024);
        for (int i = 0; i < 100; i++) {
            tensors[2 + i] = new Declared("optimizer/x" + i, Dtype.F32, parameters);
        }
        Path path = directory.resolve("slots.safetensors");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("optimizer", "sgd");
        metadata.put("optimizer/steps", "1");
        metadata.put("optimizer/learning_rate", "0.1");
        sparseFile(path, metadata, tensors);

        assertEquals(path + ": optimizer state: tensors [optimizer/x0, optimizer/x1, optimizer/x2, optimizer/x3, optimizer/x4,"
                + " optimizer/x5, optimizer/x6, optimizer/x7, optimizer/x8, optimizer/x9, and 90 more] are no optimizer's slots;"
                + " the slots are torch.optim's [exp_avg, exp_avg_sq, max_exp_avg_sq, momentum_buffer, sum, square_avg,"
                + " grad_avg, exp_inf]", loadInSmallHeap(path, 1024, 1024).outcome());
    }

    @Test
    void aTensorOfAnotherShapeIsRefusedNamingBothShapes() throws IOException {
        // the kernel in Keras' layout [in, out], not transposed
        byte[] bytes = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.weight", StoredTensor.f32(Arrays.copyOf(PARAMETERS, 6), 3, 2)));
        assertRefused("bytes: tensor 'dense.weight': expected shape [2, 3], found [3, 2]", linear(OTHER), bytes);
        byte[] flat = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.bias", StoredTensor.f32(TORCH_BIAS, 1, 2)));
        assertRefused("bytes: tensor 'dense.bias': expected shape [2], found [1, 2]", linear(OTHER), flat);
    }

    @Test
    void aFlippedDataByteFailsTheChecksum() throws IOException {
        Path path = directory.resolve("linear.safetensors");
        Weights.save(linear(PARAMETERS), path);
        byte[] bytes = Files.readAllBytes(path);
        String recorded = crc32c(bytes);
        // the low byte of the last bias value: -2.5 becomes another finite float, which only the checksum tells
        bytes[bytes.length - 4] ^= 0x01;
        Files.write(path, bytes);
        LinearModel model = linear(OTHER);
        assertRefused(path + ": the contents' checksum is " + crc32c(bytes) + ", the header records " + recorded
                + ": the file is corrupt", model, () -> Weights.load(model, path));
    }

    @Test
    void weightsOfAnotherArchitectureAreRefusedNamingTheLayerThatDiffers() throws IOException {
        Path path = directory.resolve("linear.safetensors");
        Weights.save(linear(PARAMETERS), path);
        LinearModel wider = new LinearModel(4, 2, 0.1);
        wider.writeParameters(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertRefused(path + ": weights of network 'Linear', whose architecture differs from Linear's: layer 0 is '"
                + LAYERS + "' in the file and 'dense: DENSE [4] -> [2] LINEAR' in the model", wider,
                () -> Weights.load(wider, path));
    }

    @Test
    void aFingerprintThatDoesNotMatchIsRefusedWhateverTheLinesSay() throws IOException {
        byte[] saved = saved(linear(PARAMETERS));
        String refused = "bytes: weights of network 'Linear', whose architecture differs from Linear's: ";
        byte[] tampered = editedMetadata(saved, metadata -> metadata.put("architecture", "0".repeat(64)));
        assertRefused(refused + "the file's layers [" + LAYERS + "] do not match its fingerprint", linear(OTHER), tampered);
        byte[] linesless = editedMetadata(saved, metadata -> {
            metadata.put("architecture", "0".repeat(64));
            metadata.remove("layers");
        });
        assertRefused("bytes: metadata 'layers' is missing from a file of format nnc.weights", linear(OTHER), linesless);
        // a file of no declared format may record a fingerprint alone
        byte[] formatless = editedMetadata(saved, metadata -> {
            metadata.put("architecture", "0".repeat(64));
            metadata.remove("layers");
            metadata.remove("format");
        });
        assertRefused(refused + "the file records its fingerprint only", linear(OTHER), formatless);
    }

    @Test
    void aNonFiniteWeightIsRefused() throws IOException {
        float[] withNaN = TORCH_WEIGHT.clone();
        withNaN[4] = Float.NaN;
        byte[] nan = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.weight", StoredTensor.f32(withNaN, 2, 3)));
        assertRefused("bytes: tensor 'dense.weight' holds NaN at element 4; its values must be finite", linear(OTHER), nan);
        // 1e300 is finite as a double and rounds to an infinity as a float
        byte[] huge = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.bias", StoredTensor.f64(new double[] {0, -1e300}, 2)));
        assertRefused("bytes: tensor 'dense.bias' holds -Infinity at element 1; its values must be finite", linear(OTHER), huge);
    }

    @Test
    void anIntegerTensorIsRefusedWhereAFloatOneBelongs() throws IOException {
        byte[] bytes = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.bias", raw(Dtype.I64, int64(1, 2), 2)));
        assertRefused("bytes: tensor 'dense.bias' is I64; expected a float dtype (F32, F16, BF16 or F64)", linear(OTHER), bytes);
    }

    @Test
    void anUnknownFormatVersionIsRefused() throws IOException {
        byte[] bytes = editedMetadata(saved(linear(PARAMETERS)), metadata -> metadata.put("format_version", "2"));
        assertRefused("bytes: format version '2', this runtime reads version 1", linear(OTHER), bytes);
    }

    @Test
    void numBatchesTrackedOfALayerThatIsNotBatchNormalisationIsAnExtraTensor() throws IOException {
        byte[] bytes = editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("dense.num_batches_tracked", raw(Dtype.I64, int64(5))));
        assertRefused("bytes: unexpected tensor [dense.num_batches_tracked]; Linear has [dense.weight, dense.bias]",
                linear(OTHER), bytes);
    }

    /** LinearModel's 8 parameters as one batch normalisation layer of 2 features: gamma, beta, moving mean and variance. */
    static final class NormModel extends LinearModel {

        NormModel() {
            super(3, 2, 0.1);
        }

        @Override
        public String name() {
            return "Norm";
        }

        @Override
        public List<LayerInfo> layers() {
            return List.of(new LayerInfo("norm", "BATCH_NORM", "BatchNormalization", List.of(2), List.of(2), "LINEAR", Double.NaN, false, true,
                    Map.of("epsilon", "0.001", "momentum", "0.99"), List.of(
                            new TensorInfo("gamma", 0, List.of(2)),
                            new TensorInfo("beta", 2, List.of(2)),
                            new TensorInfo("moving_mean", 4, List.of(2), 0, 0, false),
                            new TensorInfo("moving_variance", 6, List.of(2), 0, 0, false))));
        }
    }

    @Test
    void aHeaderEditThatSwapsTwoTensorsBytesFailsTheChecksum() throws IOException {
        NormModel source = new NormModel();
        source.writeParameters(NORM_PARAMETERS);
        byte[] saved = saved(source);
        // running_mean and running_var trade byte ranges: a valid container, every value finite, the statistics swapped
        String text = new String(saved, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("\"data_offsets\":[16,24]") && text.contains("\"data_offsets\":[24,32]"), "the layout this test edits");
        byte[] swapped = text.replace("[16,24]", "[mean]").replace("[24,32]", "[16,24]").replace("[mean]", "[24,32]")
                .getBytes(StandardCharsets.ISO_8859_1);
        NormModel model = new NormModel();
        model.writeParameters(OTHER);
        assertRefused("bytes: the contents' checksum is " + crc32c(swapped) + ", the header records " + crc32c(saved)
                + ": the file is corrupt", model, swapped);
    }

    @Test
    void loadMatchingTakesWhatFitsAndKeepsTheRest() throws IOException {
        // a file of dense.weight alone, of the right shape, and a dense.bias of another shape
        Path path = directory.resolve("partial.safetensors");
        SafeTensors.of(tensors("dense.weight", StoredTensor.f32(TORCH_WEIGHT, 2, 3), "dense.bias",
                StoredTensor.f32(new float[] {1, 2, 3}, 3), "head.weight", StoredTensor.f32(new float[] {4}, 1)), Map.of())
                .write(path);
        LinearModel model = linear(OTHER);
        assertEquals(List.of("dense.weight"), Weights.loadMatching(model, path));
        float[] expected = PARAMETERS.clone();
        System.arraycopy(OTHER, 6, expected, 6, 2);
        assertBits(expected, model.snapshot(), "the kernel from the file, the bias kept");
    }

    @Test
    void loadMatchingReadsATensorItDoesNotTakeThroughOneBufferForTheChecksum() throws IOException {
        // 32 MiB that the checksum reads and the load does not take: a megabyte at a time, into one buffer, not one per megabyte
        Path path = directory.resolve("body.safetensors");
        Files.write(path, editedTensors(saved(linear(PARAMETERS)),
                tensors -> tensors.put("head.weight", StoredTensor.f32(new float[8 << 20], 8 << 20))));
        LinearModel model = linear(OTHER);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        Weights.loadMatching(model, path); // warm up
        long before = threads.getCurrentThreadAllocatedBytes();
        List<String> taken = Weights.loadMatching(model, path);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertEquals(List.of("dense.weight", "dense.bias"), taken);
        assertTrue(allocated < 4 << 20, "a tensor of 32 MiB read for the checksum, " + allocated + " bytes allocated");
    }

    @Test
    void loadMatchingRefusesACorruptFileOrATakenTensorThatIsNotFiniteAndTouchesNothing() throws IOException {
        Path path = directory.resolve("linear.safetensors");
        Weights.save(linear(PARAMETERS), path);
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 4] ^= 0x01;
        Files.write(path, bytes);
        LinearModel model = linear(OTHER);
        assertRefused(path + ": the contents' checksum is " + crc32c(bytes) + ", the header records "
                + crc32c(saved(linear(PARAMETERS))) + ": the file is corrupt", model, () -> Weights.loadMatching(model, path));
        float[] nan = TORCH_WEIGHT.clone();
        nan[4] = Float.NaN;
        SafeTensors.of(tensors("dense.weight", StoredTensor.f32(nan, 2, 3)), Map.of()).write(path);
        assertRefused(path + ": tensor 'dense.weight' holds NaN at element 4; its values must be finite", model,
                () -> Weights.loadMatching(model, path));
    }

    @Test
    void aNegativeRunningVarianceIsRefused() throws IOException {
        NormModel source = new NormModel();
        source.writeParameters(NORM_PARAMETERS);
        byte[] negative = editedTensors(saved(source),
                tensors -> tensors.put("norm.running_var", StoredTensor.f32(new float[] {0.1f, -2.5f}, 2)));
        NormModel model = new NormModel();
        model.writeParameters(OTHER);
        assertRefused("bytes: tensor 'norm.running_var' holds -2.5 at element 1; a variance is at least 0", model, negative);
    }

    @Test
    void numBatchesTrackedMustBePyTorchsI64Scalar() throws IOException {
        NormModel source = new NormModel();
        source.writeParameters(NORM_PARAMETERS);
        byte[] floats = editedTensors(saved(source),
                tensors -> tensors.put("norm.num_batches_tracked", StoredTensor.f32(new float[] {3}, 1)));
        NormModel model = new NormModel();
        model.writeParameters(OTHER);
        assertRefused("bytes: tensor 'norm.num_batches_tracked': expected PyTorch's I64 scalar, found F32 [1]", model, floats);
    }

    @Test
    void numBatchesTrackedOfABatchNormalisationLayerIsSavedAsPyTorchKeepsItAndIgnoredOnLoad() throws IOException {
        NormModel source = new NormModel();
        source.writeParameters(NORM_PARAMETERS);
        source.setOptimizerState(OptimizerState.of("sgd", 300, 0.1, Map.of(), Map.of()));
        byte[] saved = saved(source);
        SafeTensors file = SafeTensors.read(saved);
        assertEquals(List.of("norm.weight", "norm.bias", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked"),
                List.copyOf(file.tensors().keySet()));
        // as PyTorch keeps it: an I64 scalar, the steps trained
        StoredTensor tracked = file.tensor("norm.num_batches_tracked");
        assertEquals(Dtype.I64, tracked.dtype());
        assertEquals(List.of(), tracked.shape());
        assertEquals(300, tracked.data().getLong());

        NormModel model = new NormModel();
        model.writeParameters(OTHER);
        Weights.load(model, saved);
        assertBits(NORM_PARAMETERS, model.snapshot(), "loaded beside num_batches_tracked");
        assertEquals(0, model.steps(), "num_batches_tracked is not the model's steps");
        // any value, and none at all
        model.writeParameters(OTHER);
        Weights.load(model, editedTensors(saved, tensors -> tensors.put("norm.num_batches_tracked", raw(Dtype.I64, int64(-1)))));
        assertBits(NORM_PARAMETERS, model.snapshot(), "loaded beside another num_batches_tracked");
        model.writeParameters(OTHER);
        Weights.load(model, editedTensors(saved, tensors -> tensors.remove("norm.num_batches_tracked")));
        assertBits(NORM_PARAMETERS, model.snapshot(), "loaded without num_batches_tracked");

        byte[] elsewhere = editedTensors(saved, tensors -> tensors.put("dense.num_batches_tracked", raw(Dtype.I64, int64(3))));
        NormModel other = new NormModel();
        other.writeParameters(OTHER);
        assertRefused("bytes: unexpected tensor [dense.num_batches_tracked]; Norm has [norm.weight, norm.bias,"
                + " norm.running_mean, norm.running_var]", other, elsewhere);
    }

    // ---- optimizer state ----

    /** LinearModel(3, 2) with {@link #NORM_PARAMETERS}, after 7 steps, its learning rate 0.05. */
    static LinearModel trained() {
        LinearModel model = linear(NORM_PARAMETERS);
        model.setOptimizerState(OptimizerState.of("sgd", 7, 0.05, Map.of(), Map.of()));
        return model;
    }

    @Test
    void theOptimizerStateIsSavedInTheMetadata() throws IOException {
        SafeTensors file = SafeTensors.read(saved(trained(), SaveOptions.weightsOnly().withOptimizerState()));
        assertEquals("sgd", file.metadata().get("optimizer"));
        assertEquals("7", file.metadata().get("optimizer/steps"));
        assertEquals("0.05", file.metadata().get("optimizer/learning_rate"));
        assertEquals(List.of("dense.weight", "dense.bias"), List.copyOf(file.tensors().keySet()), "plain SGD has no slot");

        Map<String, String> weightsOnly = SafeTensors.read(saved(trained())).metadata();
        assertFalse(weightsOnly.containsKey("optimizer") || weightsOnly.containsKey("optimizer/steps"), weightsOnly.toString());
    }

    @Test
    void resumeRestoresTheWeightsStepsAndLearningRate() throws IOException {
        Path path = directory.resolve("checkpoint.safetensors");
        Weights.save(trained(), path, SaveOptions.weightsOnly().withOptimizerState());
        LinearModel fresh = linear(OTHER);

        Weights.Loaded loaded = Weights.resume(fresh, path);

        assertBits(NORM_PARAMETERS, fresh.snapshot(), "the resumed parameters");
        assertEquals(7, fresh.steps());
        assertEquals(0.05, fresh.learningRate());
        assertEquals(Optional.of(OptimizerState.of("sgd", 7, 0.05, Map.of(), Map.of())), loaded.optimizerState());
    }

    @Test
    void loadReturnsTheOptimizerStateWithoutApplyingIt() throws IOException {
        byte[] bytes = saved(trained(), SaveOptions.weightsOnly().withOptimizerState());
        LinearModel fresh = linear(OTHER);

        Weights.Loaded loaded = Weights.load(fresh, bytes);

        assertBits(NORM_PARAMETERS, fresh.snapshot(), "the loaded parameters");
        OptimizerState state = loaded.optimizerState().orElseThrow();
        assertEquals("sgd", state.optimizer());
        assertEquals(7, state.steps());
        assertEquals(0.05, state.learningRate());
        assertEquals(0, fresh.steps(), "the model's steps");
        assertEquals(0.1, fresh.learningRate(), "the model's learning rate");
    }

    @Test
    void resumeOfAFileWithoutOptimizerStateIsRefused() throws IOException {
        Path path = directory.resolve("weights.safetensors");
        Weights.save(trained(), path);
        LinearModel model = linear(OTHER);
        assertRefused(path + ": no optimizer state to resume from; save with SaveOptions.withOptimizerState(), or load the"
                + " weights alone with Weights.load", model, () -> Weights.resume(model, path));
    }

    @Test
    void malformedOptimizerMetadataIsRefusedNamingTheKey() throws IOException {
        byte[] saved = saved(trained(), SaveOptions.weightsOnly().withOptimizerState());
        assertRefused("bytes: metadata 'optimizer/steps': expected a whole number, found '1.5'", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("optimizer/steps", "1.5")));
        assertRefused("bytes: metadata 'optimizer/steps': expected a whole number, found none", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.remove("optimizer/steps")));
        assertRefused("bytes: optimizer state: steps: expected from 0 to 9223372036854775806, found -3", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("optimizer/steps", "-3")));
        assertRefused("bytes: metadata 'optimizer/learning_rate': expected a number, found 'fast'", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("optimizer/learning_rate", "fast")));
        assertRefused("bytes: metadata 'optimizer/learning_rate' is missing", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.remove("optimizer/learning_rate")));
        assertRefused("bytes: optimizer state: learningRate: expected a finite number at least 0, found -0.5",
                linear(OTHER), editedMetadata(saved, metadata -> metadata.put("optimizer/learning_rate", "-0.5")));
        assertRefused("bytes: metadata 'optimizer/beta': expected a number, found 'x'", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("optimizer/beta", "x")));
    }

    /** A MomentumLinearModel with {@link #NORM_PARAMETERS}, 3 steps at 0.02 and momentum 0.8. */
    static MomentumLinearModel withMomentum() {
        MomentumLinearModel model = new MomentumLinearModel();
        model.writeParameters(NORM_PARAMETERS);
        model.setOptimizerState(OptimizerState.of("sgd", 3, 0.02, Map.of("momentum_buffer",
                new float[] {0.5f, -0.25f, 1e-7f, 0, -3, 2, 0.125f, -0.0f}), Map.of("momentum", 0.8)));
        return model;
    }

    @Test
    void aSlotIsSavedAsATensorAndAScalarAsMetadataAndBothResume() throws IOException {
        Path path = directory.resolve("checkpoint.safetensors");
        Weights.save(withMomentum(), path, SaveOptions.weightsOnly().withOptimizerState());
        SafeTensors file = SafeTensors.read(path);
        assertEquals(List.of("dense.weight", "dense.bias", "optimizer/momentum_buffer"), List.copyOf(file.tensors().keySet()));
        assertEquals(List.of(8L), file.tensor("optimizer/momentum_buffer").shape());
        assertBits(new float[] {0.5f, -0.25f, 1e-7f, 0, -3, 2, 0.125f, -0.0f}, file.floats("optimizer/momentum_buffer"),
                "the slot, laid out as the parameters");
        assertEquals("0.8", file.metadata().get("optimizer/momentum"));

        MomentumLinearModel fresh = momentumModel(OTHER);
        Weights.resume(fresh, path);
        assertBits(NORM_PARAMETERS, fresh.snapshot(), "the resumed parameters");
        assertEquals(OptimizerState.of("sgd", 3, 0.02, Map.of("momentum_buffer",
                new float[] {0.5f, -0.25f, 1e-7f, 0, -3, 2, 0.125f, -0.0f}), Map.of("momentum", 0.8)), fresh.optimizerState());
    }

    @Test
    void resumingAStateTheModelsOptimizerCannotTakeIsRefused() throws IOException {
        Path path = directory.resolve("checkpoint.safetensors");
        Weights.save(withMomentum(), path, SaveOptions.weightsOnly().withOptimizerState());
        LinearModel plain = trained();
        plain.writeParameters(OTHER);
        assertRefused(path + ": optimizer state 'sgd' with slots [momentum_buffer] and scalars [momentum], this model's has"
                + " slots [] and scalars [] (another setting such as amsgrad, momentum or centered?)", plain,
                () -> Weights.resume(plain, path));
    }

    @Test
    void anOptimizerStateTheNextStepWouldTurnIntoNaNIsRefused() throws IOException {
        // Adam's second moment: the square root of a negative is NaN, in every weight it divides
        byte[] adam = editedTensors(editedMetadata(saved(trained(), SaveOptions.weightsOnly().withOptimizerState()),
                metadata -> metadata.put("optimizer", "adam")), tensors -> {
                    tensors.put("optimizer/exp_avg", StoredTensor.f32(new float[] {1, -2, 3, -4, 5, -6, 7, -8}, 8));
                    tensors.put("optimizer/exp_avg_sq", StoredTensor.f32(new float[] {1, 2, 3, -0.5f, 5, 6, 7, 8}, 8));
                });
        assertRefused("bytes: optimizer state: slot 'exp_avg_sq' holds -0.5 at element 3; it sums or averages squares or"
                + " magnitudes, so it is at least 0", linear(OTHER), adam);
        byte[] nadam = editedMetadata(saved(trained(), SaveOptions.weightsOnly().withOptimizerState()), metadata -> {
            metadata.put("optimizer", "nadam");
            metadata.put("optimizer/mu_product", "1.5");
        });
        assertRefused("bytes: optimizer state: scalar 'mu_product': expected NAdam's product of momentum factors, from 0 to 1,"
                + " found 1.5", linear(OTHER), nadam);
    }

    static MomentumLinearModel momentumModel(float[] parameters) {
        MomentumLinearModel model = new MomentumLinearModel();
        model.writeParameters(parameters);
        return model;
    }

    @Test
    void aSlotThatIsNotAFiniteVectorOfTheParametersIsRefused() throws IOException {
        byte[] saved = saved(withMomentum(), SaveOptions.weightsOnly().withOptimizerState());
        float[] withNaN = new float[8];
        withNaN[2] = Float.NaN;
        assertRefused("bytes: tensor 'optimizer/momentum_buffer' holds NaN at element 2; its values must be finite",
                momentumModel(OTHER), editedTensors(saved,
                        tensors -> tensors.put("optimizer/momentum_buffer", StoredTensor.f32(withNaN, 8))));
        assertRefused("bytes: tensor 'optimizer/momentum_buffer': expected shape [8], found [7]",
                momentumModel(OTHER), editedTensors(saved,
                        tensors -> tensors.put("optimizer/momentum_buffer", StoredTensor.f32(new float[7], 7))));
        // without the optimizer's name, its tensors are no one's
        assertRefused("bytes: unexpected tensor [optimizer/momentum_buffer]; Linear has [dense.weight, dense.bias]",
                momentumModel(OTHER), editedMetadata(saved, metadata -> metadata.remove("optimizer")));
    }

    @Test
    void slotsNoOptimizerKeepsAreRefusedAndAnotherOptimizersStateIsReturnedNotApplied() throws IOException {
        byte[] saved = saved(withMomentum(), SaveOptions.weightsOnly().withOptimizerState());
        assertRefused("bytes: optimizer state: tensor [optimizer/velocity] is no optimizer's slot; the slots are torch.optim's"
                + " [exp_avg, exp_avg_sq, max_exp_avg_sq, momentum_buffer, sum, square_avg, grad_avg, exp_inf]",
                momentumModel(OTHER), editedTensors(saved,
                        tensors -> tensors.put("optimizer/velocity", StoredTensor.f32(new float[8], 8))));
        // a message of thousands names ten
        byte[] many = editedTensors(saved, tensors -> {
            for (int i = 0; i < 5000; i++) {
                tensors.put("optimizer/x" + i, StoredTensor.f32(new float[8], 8));
            }
        });
        assertRefused("bytes: optimizer state: tensors [optimizer/x0, optimizer/x1, optimizer/x2, optimizer/x3, optimizer/x4,"
                + " optimizer/x5, optimizer/x6, optimizer/x7, optimizer/x8, optimizer/x9, and 4990 more] are no optimizer's slots;"
                + " the slots are torch.optim's [exp_avg, exp_avg_sq, max_exp_avg_sq, momentum_buffer, sum, square_avg,"
                + " grad_avg, exp_inf]", momentumModel(OTHER), many);

        // weights trained with momentum load into the same network with plain SGD (the architecture leaves the optimizer
        // out): the state is returned as the file has it, and not applied; resume refuses it
        LinearModel plain = linear(OTHER);
        Weights.Loaded loaded = Weights.load(plain, saved);
        assertBits(NORM_PARAMETERS, plain.snapshot(), "the weights");
        assertEquals(List.of("momentum_buffer"), loaded.optimizerState().orElseThrow().slotNames());
        assertEquals(OptimizerState.of("sgd", 0, 0.1, Map.of(), Map.of()), plain.optimizerState());
    }

    // ---- scalers ----

    static final float[] TRAIN = randomData(40, 3, 11);

    /** Rows to transform, some outside the training range. */
    static final float[] PROBE = randomData(6, 3, 12);

    static {
        for (int i = 0; i < PROBE.length; i += 4) {
            PROBE[i] *= 3;
        }
    }

    /** A Scaler that is not one of the runtime's. */
    static final class IdentityScaler implements Scaler {
        @Override
        public Scaler fit(float[] data, int features) {
            return this;
        }

        @Override
        public Scaler fit(float[] data, int n, int features) {
            return this;
        }

        @Override
        public boolean isFitted() {
            return true;
        }

        @Override
        public int features() {
            return 3;
        }

        @Override
        public float[] transform(float[] data) {
            return data.clone();
        }

        @Override
        public float[] inverseTransform(float[] data) {
            return data.clone();
        }

        @Override
        public float[] inverseTransform(float[] data, int[] columns) {
            return data.clone();
        }
    }

    @Test
    void fittedScalersAreRestoredAndTransformBitForBit() throws IOException {
        Map<String, Scaler> originals = new LinkedHashMap<>();
        originals.put("minmax", new MinMaxScaler(-1, 2).fit(TRAIN, 3));
        originals.put("standard", new StandardScaler().fit(TRAIN, 3));
        originals.put("robust", new RobustScaler().fit(TRAIN, 3));
        originals.put("maxabs", new MaxAbsScaler().fit(TRAIN, 3));
        SaveOptions options = SaveOptions.weightsOnly();
        for (Map.Entry<String, Scaler> entry : originals.entrySet()) {
            options = options.withScaler(entry.getKey(), entry.getValue());
        }
        Path path = directory.resolve("scaled.safetensors");
        Weights.save(linear(NORM_PARAMETERS), path, options);

        LinearModel model = linear(OTHER);
        Weights.Loaded loaded = Weights.load(model, path);

        assertBits(NORM_PARAMETERS, model.snapshot(), "the parameters beside the scalers");
        assertEquals(List.copyOf(originals.keySet()), List.copyOf(loaded.scalers().keySet()));
        for (Map.Entry<String, Scaler> entry : originals.entrySet()) {
            Scaler original = entry.getValue();
            Scaler restored = loaded.scaler(entry.getKey());
            assertNotSame(original, restored);
            assertEquals(original.getClass(), restored.getClass(), entry.getKey());
            assertEquals(3, restored.features());
            assertBits(original.transform(PROBE), restored.transform(PROBE), entry.getKey() + ": transform");
            assertBits(original.inverseTransform(PROBE), restored.inverseTransform(PROBE), entry.getKey() + ": inverseTransform");
            assertBits(original.inverseTransform(PROBE, new int[] {2, 0}), restored.inverseTransform(PROBE, new int[] {2, 0}),
                    entry.getKey() + ": inverseTransform of columns 2 and 0");
        }
        MinMaxScaler minMax = (MinMaxScaler) loaded.scaler("minmax");
        assertEquals(-1, minMax.rangeMin());
        assertEquals(2, minMax.rangeMax());
        var none = assertThrows(IllegalArgumentException.class, () -> loaded.scaler("target"));
        assertEquals("no scaler 'target' in the file; it has [minmax, standard, robust, maxabs]", none.getMessage());
    }

    @Test
    void aScalersStatisticsAreDoubleTensorsBesideItsKindAndSettings() throws IOException {
        double[] min = new double[3];
        double[] max = new double[3];
        double[] maxAbs = new double[3];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < TRAIN.length; i++) {
            min[i % 3] = Math.min(min[i % 3], TRAIN[i]);
            max[i % 3] = Math.max(max[i % 3], TRAIN[i]);
            maxAbs[i % 3] = Math.max(maxAbs[i % 3], Math.abs(TRAIN[i]));
        }
        double[] minMaxDivisor = new double[3];
        for (int j = 0; j < 3; j++) {
            minMaxDivisor[j] = (max[j] - min[j]) / (2 - -1);
        }
        SafeTensors file = SafeTensors.read(saved(linear(NORM_PARAMETERS), SaveOptions.weightsOnly()
                .withScaler("x", new MinMaxScaler(-1, 2).fit(TRAIN, 3))
                .withScaler("y", new MaxAbsScaler().fit(TRAIN, 3))));

        assertEquals(List.of("dense.weight", "dense.bias", "scaler/x/center", "scaler/x/divisor", "scaler/x/statistic",
                "scaler/y/center", "scaler/y/divisor", "scaler/y/statistic"), List.copyOf(file.tensors().keySet()));
        assertEquals("MinMaxScaler", file.metadata().get("scaler/x"));
        assertEquals("-1.0", file.metadata().get("scaler/x/feature_range_min"));
        assertEquals("2.0", file.metadata().get("scaler/x/feature_range_max"));
        assertEquals("MaxAbsScaler", file.metadata().get("scaler/y"));
        for (String name : List.of("scaler/x/center", "scaler/y/statistic")) {
            assertEquals(Dtype.F64, file.tensor(name).dtype(), name);
            assertEquals(List.of(3L), file.tensor(name).shape(), name);
        }
        assertArrayEquals(min, file.doubles("scaler/x/center"));
        assertArrayEquals(minMaxDivisor, file.doubles("scaler/x/divisor"));
        assertArrayEquals(max, file.doubles("scaler/x/statistic"));
        assertArrayEquals(new double[3], file.doubles("scaler/y/center"));
        assertArrayEquals(maxAbs, file.doubles("scaler/y/divisor"));
        assertArrayEquals(maxAbs, file.doubles("scaler/y/statistic"));
    }

    @Test
    void aScalerThatCannotBeSavedIsRefusedAtSaveAndNothingIsWritten() {
        Path path = directory.resolve("never.safetensors");
        LinearModel model = linear(NORM_PARAMETERS);
        var unfitted = assertThrows(IllegalStateException.class,
                () -> Weights.save(model, path, SaveOptions.weightsOnly().withScaler("x", new StandardScaler())));
        assertEquals("StandardScaler is not fitted: call fit on the training data first", unfitted.getMessage());
        var slash = assertThrows(IllegalArgumentException.class, () -> Weights.save(model, path,
                SaveOptions.weightsOnly().withScaler("in/out", new MaxAbsScaler().fit(TRAIN, 3))));
        assertEquals("scaler name: expected a non-empty name without '/', found 'in/out'", slash.getMessage());
        var empty = assertThrows(IllegalArgumentException.class, () -> Weights.save(model, path,
                SaveOptions.weightsOnly().withScaler("", new MaxAbsScaler().fit(TRAIN, 3))));
        assertEquals("scaler name: expected a non-empty name without '/', found ''", empty.getMessage());
        var custom = assertThrows(IllegalArgumentException.class,
                () -> Weights.save(model, path, SaveOptions.weightsOnly().withScaler("custom", new IdentityScaler())));
        assertEquals("scaler 'custom': only the runtime's scalers (MinMaxScaler, StandardScaler, RobustScaler, MaxAbsScaler)"
                + " can be saved, found dev.nnc.runtime.WeightsTest$IdentityScaler", custom.getMessage());
        assertFalse(Files.exists(path));
    }

    @Test
    void aCorruptScalerInAFileIsRefusedNamingIt() throws IOException {
        byte[] saved = saved(linear(NORM_PARAMETERS), SaveOptions.weightsOnly().withScaler("s", new MinMaxScaler(-1, 2).fit(TRAIN, 3)));
        assertRefused("bytes: scaler 's' is a 'QuantileTransformer'; expected MinMaxScaler, StandardScaler, RobustScaler or"
                + " MaxAbsScaler", linear(OTHER), editedMetadata(saved, metadata -> metadata.put("scaler/s", "QuantileTransformer")));
        assertRefused("bytes: scaler 's' has no tensor 'scaler/s/statistic'", linear(OTHER),
                editedTensors(saved, tensors -> tensors.remove("scaler/s/statistic")));
        assertRefused("bytes: scaler 's': metadata 'scaler/s/feature_range_max' is missing", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.remove("scaler/s/feature_range_max")));
        assertRefused("bytes: scaler 's': max: expected more than min = 5.0, found 2.0", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("scaler/s/feature_range_min", "5.0")));
        assertRefused("bytes: scaler 's': feature range: expected finite bounds, found [NaN, 2.0]", linear(OTHER),
                editedMetadata(saved, metadata -> metadata.put("scaler/s/feature_range_min", "NaN")));

        // statistics by hand: a divisor of 0, then of -4
        assertRefused("bytes: scaler 's': feature 1: expected a finite center and statistic and a finite divisor greater"
                + " than 0, found 1.5, 4.0 and 0.0", linear(OTHER), withStatistics(saved, new double[] {1, 0, 4}));
        assertRefused("bytes: scaler 's': feature 2: expected a finite center and statistic and a finite divisor greater"
                + " than 0, found 2.5, 5.0 and -4.0", linear(OTHER), withStatistics(saved, new double[] {1, 2, -4}));
        assertRefused("bytes: scaler 's': expected center, divisor and statistic of one length, at least 1, found 3, 2 and 3",
                linear(OTHER), withStatistics(saved, new double[] {1, 2}));
        assertRefused("bytes: tensor 'scaler/s/center': expected one dimension, found shape [1, 3]", linear(OTHER),
                editedTensors(saved, tensors -> tensors.put("scaler/s/center", StoredTensor.f64(new double[3], 1, 3))));
        assertRefused("bytes: tensor 'scaler/s/divisor' is I64; expected a float dtype (F32, F16, BF16 or F64)", linear(OTHER),
                editedTensors(saved, tensors -> tensors.put("scaler/s/divisor", raw(Dtype.I64, int64(1, 2, 3), 3))));
    }

    /** {@code file}'s scaler {@code s} with centers 0.5, 1.5, 2.5, statistics 3, 4, 5 and {@code divisors}. */
    private static byte[] withStatistics(byte[] file, double[] divisors) throws IOException {
        return editedTensors(file, tensors -> {
            tensors.put("scaler/s/center", StoredTensor.f64(new double[] {0.5, 1.5, 2.5}, 3));
            tensors.put("scaler/s/divisor", StoredTensor.f64(divisors, divisors.length));
            tensors.put("scaler/s/statistic", StoredTensor.f64(new double[] {3, 4, 5}, 3));
        });
    }

    // ---- class labels ----

    @Test
    void classLabelsAreSavedAsJsonAndReadBackInOrder() throws IOException {
        List<String> labels = List.of("say \"hi\" \\ bye", "naïve ✓ 日本");
        byte[] bytes = saved(linear(NORM_PARAMETERS), SaveOptions.weightsOnly().withClassLabels(labels));
        assertEquals("[\"say \\\"hi\\\" \\\\ bye\",\"naïve ✓ 日本\"]", SafeTensors.read(bytes).metadata().get("class_labels"));
        assertEquals(labels, Weights.load(linear(OTHER), bytes).classLabels());
    }

    @Test
    void classLabelsMustBeOnePerOutputOrTwoForOneOutput() throws IOException {
        Path path = directory.resolve("labelled.safetensors");
        var three = assertThrows(IllegalArgumentException.class, () -> Weights.save(linear(NORM_PARAMETERS), path,
                SaveOptions.weightsOnly().withClassLabels(List.of("a", "b", "c"))));
        assertEquals("class labels: expected 2 for 2 outputs, found 3 [a, b, c]", three.getMessage());
        assertFalse(Files.exists(path));

        LinearModel single = new LinearModel(3, 1, 0.1);
        for (List<String> labels : List.of(List.of("no", "yes"), List.of("spam"))) {
            Weights.save(single, path, SaveOptions.weightsOnly().withClassLabels(labels));
            assertEquals(labels, Weights.load(new LinearModel(3, 1, 0.1), path).classLabels());
        }
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> Weights.save(single, path, SaveOptions.weightsOnly().withClassLabels(List.of("a", "b", "c"))));
        assertEquals("class labels: expected 1 or 2 for 1 output, found 3 [a, b, c]", tooMany.getMessage());
    }

    /** A PyTorch-like file of {@link #NORM_PARAMETERS} whose only metadata is {@code class_labels}. */
    private static byte[] labelled(String json) {
        return SafeTensors.of(tensors("dense.weight", StoredTensor.f32(TORCH_WEIGHT, 2, 3),
                "dense.bias", StoredTensor.f32(TORCH_BIAS, 2)), Map.of("class_labels", json)).toBytes();
    }

    @Test
    void classLabelsThatAreNotAJsonArrayOfOneStringPerOutputAreRefused() throws IOException {
        assertEquals(List.of("a", "b"), Weights.load(linear(OTHER), labelled("[\"a\", \"b\"]")).classLabels());

        LinearModel model = linear(OTHER);
        byte[] unclosed = labelled("[\"a\", \"b\"");
        List<Object> before = state(model);
        var e = assertThrows(WeightsFormatException.class, () -> Weights.load(model, unclosed));
        assertTrue(e.getMessage().startsWith("bytes: metadata 'class_labels' is not JSON: Unexpected end-of-input"),
                e.getMessage());
        assertEquals(before, state(model));

        assertRefused("bytes: metadata 'class_labels': expected a JSON array of strings, found {\"a\": \"b\"}", model,
                labelled("{\"a\": \"b\"}"));
        assertRefused("bytes: metadata 'class_labels': expected a JSON array of strings, found VALUE_NUMBER_INT in"
                + " [\"a\", 2]", model, labelled("[\"a\", 2]"));
        assertRefused("bytes: metadata 'class_labels': text after the array in [\"a\", \"b\"] [\"c\"]", model,
                labelled("[\"a\", \"b\"] [\"c\"]"));
        assertRefused("bytes: class labels: expected 2 for 2 outputs, found 1 [a]", model, labelled("[\"a\"]"));
    }

    @Test
    void weightsThatALoadWouldRefuseAreNotSavedAndTheOldFileStays() throws IOException {
        Path path = directory.resolve("model.safetensors");
        Weights.save(linear(PARAMETERS), path);
        byte[] old = Files.readAllBytes(path);
        // a step too large: the squared error's gradient of -1e30, times 1e38, overflows every kernel weight
        LinearModel diverged = new LinearModel(3, 2, 1e38);
        diverged.trainBatch(new float[] {1, 1, 1}, new float[] {1e30f, 1e30f}, null, 1);
        var infinite = assertThrows(IllegalStateException.class, () -> Weights.save(diverged, path));
        assertEquals("cannot save Linear's weights: tensor 'dense.weight' holds Infinity at element 0; its values must be finite,"
                + " and a load would refuse the file", infinite.getMessage());
        assertThrows(IllegalStateException.class, () -> Weights.toBytes(diverged, SaveOptions.weightsOnly()));

        NormModel negative = new NormModel();
        negative.writeParameters(new float[] {1, 1, 0, 0, 0, 0, 0.5f, -2});
        var variance = assertThrows(IllegalStateException.class, () -> Weights.save(negative, path));
        assertEquals("cannot save Norm's weights: tensor 'norm.running_var' holds -2.0 at element 1; a variance is at least 0,"
                + " and a load would refuse the file", variance.getMessage());

        assertArrayEquals(old, Files.readAllBytes(path), "the file saved before");
        assertEquals(List.of(Path.of("model.safetensors")), files());
    }

    // ---- atomic save ----

    @Test
    void aSaveThatFailsPartWayLeavesTheOldFileIntactAndNoOtherFile() throws IOException {
        Path path = directory.resolve("model.safetensors");
        Weights.save(linear(OTHER), path);
        byte[] old = Files.readAllBytes(path);
        LinearModel model = trained();
        SaveOptions options = SaveOptions.weightsOnly().withOptimizerState().withClassLabels(List.of("a", "b"))
                .withScaler("x", new StandardScaler().fit(TRAIN, 3));
        SafeTensors replacement = Weights.toFile(model, options);
        int size = replacement.toBytes().length;
        // nothing, within the length, within the header, within the data, all but the last byte
        for (int limit : new int[] {0, 5, 100, size - 30, size - 1}) {
            var e = assertThrows(IOException.class,
                    () -> replacement.write(path, out -> new SafeTensorsTest.FailingStream(out, limit)));
            assertEquals("injected failure", e.getMessage());
            assertArrayEquals(old, Files.readAllBytes(path), "after a failure at byte " + limit);
            assertEquals(List.of(Path.of("model.safetensors")), files(), "after a failure at byte " + limit);
        }
        // a save refused before writing leaves it too
        assertThrows(IllegalStateException.class,
                () -> Weights.save(model, path, options.withScaler("y", new RobustScaler())));
        assertArrayEquals(old, Files.readAllBytes(path), "after a refused save");

        Weights.save(model, path, options);
        LinearModel loaded = linear(OTHER);
        Weights.resume(loaded, path);
        assertBits(NORM_PARAMETERS, loaded.snapshot(), "after the save that went through");
        assertEquals(7, loaded.steps());
        assertEquals(List.of(Path.of("model.safetensors")), files());
    }
}
