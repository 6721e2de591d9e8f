package dev.nnc.runtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Saves a model's weights to a safetensors file and loads them back, checked.
 *
 * <h2>The file</h2>
 * The tensors are named and laid out as PyTorch's {@code state_dict} of the equivalent {@code nn}
 * model, keyed by layer name ({@code hidden.weight} {@code [out, in]}, {@code lstm.weight_ih_l0},
 * {@code norm.running_mean}, ...; docs/PERSISTENCE.md has the table, with Keras' names), so
 * {@code model.load_state_dict(safetensors.torch.load_file(path))} reads a file saved here and a
 * {@code state_dict} saved by PyTorch loads here. The header's {@code __metadata__} records the
 * network's name, the architecture's fingerprint and lines ({@link #ARCHITECTURE},
 * {@link #LAYERS}) and a CRC-32C of the contents ({@link #CHECKSUM}). {@link SaveOptions} adds the
 * optimizer state, fitted scalers and class labels. Files are written atomically: a failed save
 * leaves the old file as it was. Weights that are not finite are not saved: a file holds what a
 * load takes.
 *
 * <h2>Loading</h2>
 * A load reads the file's header and checks, in order: the container's format (as the reference
 * reader does); the format's version and the architecture, which a file of this format must
 * record (a PyTorch file records neither, and is checked by its tensors alone); that the file has
 * every tensor the model needs with its exact shape, in a float dtype (F32; F16, BF16 and F64 are
 * converted); that the optimizer state's vectors are slots an optimizer keeps
 * ({@link OptimizerState#SLOTS}), each as long as the parameters; that each scaler has its three
 * statistics of one length, which together take at most half of the heap to load (a scaler is as
 * wide as its data, not as the model); and that the file has no other tensor, but for PyTorch's
 * {@code num_batches_tracked} of batch normalisation, which a model does not use. Only then does
 * it read the tensors' data, and check the checksum, that every value is finite (and a running
 * variance, or an optimizer's sum of squares, not negative), and the optimizer state, scalers and
 * class labels. A file's data is never read into memory before its header is checked, and what it
 * then reads is as large as the model makes it, or the heap allows the scalers: a file of another
 * model, with a tensor of gigabytes too many, with slots no optimizer keeps or scalers no heap
 * could hold, is refused from its header. An optimizer state of another optimizer than the
 * model's is returned by {@link #load(Predictor, Path)}, not applied. Any failure is one
 * {@link WeightsFormatException} saying what and where, and leaves the model's weights and
 * optimizer state untouched: nothing is written to the model until everything is checked.
 */
public final class Weights {

    /** Metadata: {@value #FORMAT_NAME}, for a file this class wrote. */
    public static final String FORMAT = "format";
    /** Metadata: the version of this class's layout, {@value #FORMAT_VERSION_NUMBER}. */
    public static final String FORMAT_VERSION = "format_version";
    /** Metadata: the network's name, {@link Predictor#name()}. */
    public static final String NETWORK = "network";
    /** Metadata: the SHA-256 fingerprint of {@link #LAYERS}, in hex. */
    public static final String ARCHITECTURE = "architecture";
    /** Metadata: a line per layer (name, kind, shapes, activation, settings), joined by newlines. */
    public static final String LAYERS = "layers";
    /** Metadata: a CRC-32C of the tensors and the other metadata, in 8 hex digits after {@code crc32c:}; see docs/PERSISTENCE.md. */
    public static final String CHECKSUM = "checksum";
    /** Metadata: the class labels, a JSON array of strings. */
    public static final String CLASS_LABELS = "class_labels";
    /**
     * Metadata: the optimizer's name; with {@code optimizer/steps}, {@code optimizer/learning_rate}
     * and any other value as {@code optimizer/<name>}, and each state vector as the F32 tensor
     * {@code optimizer/<key>} laid out as {@link Predictor#readParameters}.
     */
    public static final String OPTIMIZER = "optimizer";

    static final String FORMAT_NAME = "nnc.weights";
    static final String FORMAT_VERSION_NUMBER = "1";
    private static final String OPTIMIZER_PREFIX = OPTIMIZER + "/";
    private static final String STEPS = OPTIMIZER_PREFIX + "steps";
    private static final String LEARNING_RATE = OPTIMIZER_PREFIX + "learning_rate";
    private static final JsonFactory JSON = new JsonFactory();

    private Weights() {}

    /**
     * Saves the weights of {@code model} to {@code file}.
     *
     * @throws IOException when the file cannot be written; the old file, if any, is then intact
     * @throws IllegalStateException when a weight is not finite, or a running variance is negative: a
     *     load would refuse the file; the old file, if any, is then intact
     */
    public static void save(Predictor model, Path file) throws IOException {
        save(model, file, SaveOptions.weightsOnly());
    }

    /**
     * Saves the weights of {@code model} to {@code file}, and what {@code options} add.
     *
     * @throws IOException when the file cannot be written; the old file, if any, is then intact
     * @throws IllegalStateException when a weight is not finite or a running variance is negative
     *     (a load would refuse the file), the optimizer state is asked of a predictor, or a scaler is
     *     not fitted; the old file, if any, is then intact
     * @throws IllegalArgumentException when a scaler is not one of the runtime's or its name holds a {@code /},
     *     or the class labels do not match the outputs
     */
    public static void save(Predictor model, Path file, SaveOptions options) throws IOException {
        toFile(model, model.snapshot(), options).write(file);
    }

    /** {@link #save(Predictor, Path, SaveOptions)} of {@code parameters}, a copy of the model's taken by the caller. */
    static void save(Predictor model, float[] parameters, Path file, SaveOptions options) throws IOException {
        toFile(model, parameters, options).write(file);
    }

    /**
     * The bytes {@link #save(Predictor, Path, SaveOptions)} would write, to store or send elsewhere;
     * {@link #load(Predictor, byte[])} reads them back.
     *
     * @throws IllegalStateException as {@link #save(Predictor, Path, SaveOptions)}
     */
    public static byte[] toBytes(Predictor model, SaveOptions options) {
        return toFile(model, options).toBytes();
    }

    /** The container {@link #save} writes. */
    static SafeTensors toFile(Predictor model, SaveOptions options) {
        return toFile(model, model.snapshot(), options);
    }

    private static SafeTensors toFile(Predictor model, float[] parameters, SaveOptions options) {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        for (TorchLayout.Tensor tensor : TorchLayout.stateDict(model, parameters)) {
            String problem = problem(model, tensor.name(), tensor.values());
            if (problem != null) {
                throw new IllegalStateException("cannot save " + model.name() + "'s weights: tensor '" + tensor.name() + "' "
                        + problem + ", and a load would refuse the file");
            }
            tensors.put(tensor.name(), StoredTensor.f32(tensor.values(), tensor.shape()));
        }
        tensors.putAll(TorchLayout.extras(model));
        List<String> layers = Architecture.layers(model);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(FORMAT, FORMAT_NAME);
        metadata.put(FORMAT_VERSION, FORMAT_VERSION_NUMBER);
        metadata.put(NETWORK, model.name());
        metadata.put(ARCHITECTURE, Architecture.fingerprint(layers));
        metadata.put(LAYERS, String.join("\n", layers));
        if (options.optimizerState()) {
            if (!(model instanceof Model trained)) {
                throw new IllegalStateException(model.name() + " only predicts: it has no optimizer state to save");
            }
            OptimizerState state = trained.optimizerState();
            metadata.put(OPTIMIZER, state.optimizer());
            metadata.put(STEPS, Long.toString(state.steps()));
            metadata.put(LEARNING_RATE, Double.toString(state.learningRate()));
            state.scalars().forEach((name, value) -> metadata.put(OPTIMIZER_PREFIX + name, Double.toString(value)));
            for (String slot : state.slotNames()) {
                tensors.put(OPTIMIZER_PREFIX + slot, StoredTensor.f32(state.slot(slot), model.parameterCount()));
            }
        }
        options.scalers().forEach((name, scaler) -> ScalerFiles.write(name, scaler, tensors, metadata));
        if (!options.classLabels().isEmpty()) {
            checkLabels(model, options.classLabels());
            metadata.put(CLASS_LABELS, toJson(options.classLabels()));
        }
        metadata.put(CHECKSUM, Checksum.of(SafeTensors.of(tensors, metadata)));
        return SafeTensors.of(tensors, metadata);
    }

    /**
     * Loads the weights of {@code file} into {@code model}, checked as the class comment says. An
     * optimizer state in the file is checked and returned, not applied; see {@link #resume}.
     *
     * @return what the file holds besides the weights
     * @throws WeightsFormatException when the file is not weights of this model, or not a regular
     *     file, saying what and where; the model is then untouched
     * @throws IOException when the file cannot be read
     */
    public static Loaded load(Predictor model, Path file) throws IOException {
        return SafeTensorsReader.read(file, reader -> apply(model, reader, null));
    }

    /**
     * Loads the weights and the optimizer state of {@code file} into {@code model}, to continue
     * training where the saved model stopped: the steps that follow are those the saved model
     * would have taken.
     *
     * @throws WeightsFormatException as {@link #load(Predictor, Path)}, and when the file has no
     *     optimizer state or one of another optimizer
     * @throws IOException when the file cannot be read
     */
    public static Loaded resume(Model model, Path file) throws IOException {
        return SafeTensorsReader.read(file, reader -> apply(model, reader, model));
    }

    /**
     * Loads from {@code file} every tensor of {@code model} that the file holds under the same name,
     * with the same shape and a float dtype, and keeps the model's own values of the others:
     * PyTorch's {@code load_state_dict(strict=False)} and Keras' {@code skip_mismatch}, for transfer
     * learning (a trained body under a new head). The container and the checksum are checked as by
     * {@link #load(Predictor, Path)}, and so is each tensor taken; the architecture is not (it differs by
     * design), and the file's other tensors are left alone: only the checksum reads them, a part at a
     * time, none held. On failure the model is untouched.
     *
     * @return the names of the tensors taken, in the model's {@code state_dict} order
     * @throws WeightsFormatException when the file is corrupt or a tensor taken is not finite
     * @throws IOException when the file cannot be read
     */
    public static List<String> loadMatching(Predictor model, Path file) throws IOException {
        return SafeTensorsReader.read(file, reader -> matching(model, reader));
    }

    private static List<String> matching(Predictor model, SafeTensorsReader file) throws IOException {
        String where = file.source();
        checkFormat(file.metadata(), where);
        if (file.metadata().containsKey(CHECKSUM)) {
            checkChecksum(file.metadata(), Checksum.of(file), where);
        }
        Map<String, float[]> values = new HashMap<>();
        List<String> taken = new ArrayList<>();
        for (TorchLayout.Tensor tensor : TorchLayout.stateDict(model, model.snapshot())) {
            SafeTensorsReader.Entry entry = file.entries().get(tensor.name());
            boolean matches = entry != null && entry.dtype().readsAsFloat() && entry.shape().equals(shape(tensor.shape()));
            values.put(tensor.name(), matches ? values(model, tensor.name(), file.tensor(tensor.name()), where) : tensor.values());
            if (matches) {
                taken.add(tensor.name());
            }
        }
        float[] parameters = TorchLayout.parameters(model, values);
        requireFinite(model, parameters, where);
        model.writeParameters(parameters);
        return List.copyOf(taken);
    }

    /**
     * Loads the weights of the classpath resource {@code resource}, resolved as
     * {@link Class#getResourceAsStream} resolves it from {@code anchor}, into {@code model}, checked
     * as {@link #load(Predictor, Path)}.
     *
     * @throws NoSuchFileException when there is no such resource
     * @throws WeightsFormatException as {@link #load(Predictor, Path)}; the message names the resource
     */
    public static Loaded load(Predictor model, Class<?> anchor, String resource) throws IOException {
        String where = "resource '" + resource + "' of " + anchor.getName();
        byte[] bytes;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NoSuchFileException(where, null, "not on the class path");
            }
            bytes = in.readAllBytes();
        }
        return SafeTensorsReader.read(where, bytes, reader -> apply(model, reader, null));
    }

    /**
     * Loads the weights of a file's contents, {@code bytes}, into {@code model}, checked as
     * {@link #load(Predictor, Path)}; messages name {@code bytes}.
     */
    public static Loaded load(Predictor model, byte[] bytes) throws WeightsFormatException {
        return SafeTensorsReader.read("bytes", Objects.requireNonNull(bytes, "bytes"), reader -> apply(model, reader, null));
    }

    /** Loads into {@code model}; with {@code resuming} (the model itself), its optimizer state too. */
    private static Loaded apply(Predictor model, SafeTensorsReader reader, Model resuming) throws IOException {
        boolean resume = resuming != null;
        String where = reader.source();
        Map<String, String> metadata = reader.metadata();
        checkFormat(metadata, where);
        checkArchitecture(model, metadata, where);
        boolean hasState = metadata.containsKey(OPTIMIZER);
        if (resume && !hasState) {
            throw new WeightsFormatException(where + ": no optimizer state to resume from; save with"
                    + " SaveOptions.withOptimizerState(), or load the weights alone with Weights.load");
        }
        List<TorchLayout.Tensor> expected = TorchLayout.stateDict(model, new float[model.parameterCount()]);
        checkTensors(model, expected, reader, hasState);
        // every tensor of the file is now one this load takes, as large as the model or the heap bounds: only now is any
        // data read
        SafeTensors file = reader.readAll();
        if (metadata.containsKey(CHECKSUM)) {
            checkChecksum(metadata, Checksum.of(file), where);
        }
        Map<String, float[]> values = new HashMap<>();
        for (TorchLayout.Tensor tensor : expected) {
            values.put(tensor.name(), values(model, tensor.name(), file.tensor(tensor.name()), where));
        }
        OptimizerState state = hasState ? optimizerState(model, file, where) : null;
        Map<String, Scaler> scalers = new LinkedHashMap<>();
        for (String name : ScalerFiles.names(metadata)) {
            try {
                scalers.put(name, ScalerFiles.read(name, file));
            } catch (IllegalArgumentException e) {
                throw new WeightsFormatException(where + ": " + e.getMessage(), e);
            }
        }
        List<String> labels = metadata.containsKey(CLASS_LABELS) ? labels(model, metadata.get(CLASS_LABELS), where) : List.of();
        float[] parameters = TorchLayout.parameters(model, values);
        requireFinite(model, parameters, where);
        if (resume) {
            // a predictor has no optimizer state: its IllegalStateException is about the model, not the file
            resuming.optimizerState();
            try {
                // checks everything before it writes anything
                resuming.setOptimizerState(state);
            } catch (IllegalArgumentException e) {
                throw new WeightsFormatException(where + ": " + e.getMessage(), e);
            }
        }
        // checked: every value is there and finite, so this cannot fail
        model.writeParameters(parameters);
        return new Loaded(metadata, scalers, labels, state);
    }

    /**
     * The file's tensors as its header declares them, before any is read: every tensor of
     * {@code expected} there, of its shape and a float dtype; the scalers' statistics as
     * {@link ScalerFiles#checkStatistics} checks them; the optimizer's slots (when
     * {@code hasState}) each named as an optimizer's slot ({@link OptimizerState#SLOTS}) and as
     * long as the parameters, in a float dtype; PyTorch's {@code num_batches_tracked} an I64
     * scalar; and no other tensor. So what the load then reads is as large as the model makes it,
     * but for the scalers, which the heap bounds.
     */
    private static void checkTensors(Predictor model, List<TorchLayout.Tensor> expected, SafeTensorsReader file, boolean hasState)
            throws WeightsFormatException {
        String where = file.source();
        Map<String, SafeTensorsReader.Entry> entries = file.entries();
        List<String> missing = new ArrayList<>();
        for (TorchLayout.Tensor tensor : expected) {
            if (!entries.containsKey(tensor.name())) {
                missing.add(tensor.name());
            }
        }
        // all that is missing first: a file of another network misses many, and saying so says more than one shape
        if (!missing.isEmpty()) {
            throw new WeightsFormatException(where + ": no tensor" + (missing.size() == 1 ? " " : "s ") + Messages.list(missing)
                    + "; " + model.name() + " needs " + Messages.list(TorchLayout.names(model)) + ", the file has "
                    + Messages.list(entries.keySet()));
        }
        Set<String> names = new HashSet<>();
        for (TorchLayout.Tensor tensor : expected) {
            checkEntry(tensor.name(), entries.get(tensor.name()), tensor.shape(), where);
            names.add(tensor.name());
        }
        Set<String> scalerTensors = ScalerFiles.checkStatistics(file);
        List<String> extra = new ArrayList<>();
        List<String> noSlots = new ArrayList<>();
        for (Map.Entry<String, SafeTensorsReader.Entry> named : entries.entrySet()) {
            String name = named.getKey();
            SafeTensorsReader.Entry entry = named.getValue();
            if (names.contains(name) || scalerTensors.contains(name)) {
                continue;
            }
            if (hasState && name.startsWith(OPTIMIZER_PREFIX)) {
                if (OptimizerState.SLOTS.contains(name.substring(OPTIMIZER_PREFIX.length()))) {
                    checkEntry(name, entry, new long[] {model.parameterCount()}, where);
                } else {
                    noSlots.add(name);
                }
            } else if (TorchLayout.ignored(model, name)) {
                if (entry.dtype() != Dtype.I64 || entry.dimensions().length != 0) {
                    throw new WeightsFormatException(where + ": tensor '" + name + "': expected PyTorch's I64 scalar, found "
                            + entry.dtype() + " " + entry.shape());
                }
            } else {
                extra.add(name);
            }
        }
        if (!extra.isEmpty()) {
            throw new WeightsFormatException(where + ": unexpected tensor" + (extra.size() == 1 ? " " : "s ") + Messages.list(extra)
                    + "; " + model.name() + " has " + Messages.list(TorchLayout.names(model)));
        }
        if (!noSlots.isEmpty()) {
            throw new WeightsFormatException(where + ": optimizer state: " + (noSlots.size() == 1 ? "tensor " : "tensors ")
                    + Messages.list(noSlots) + (noSlots.size() == 1 ? " is no optimizer's slot" : " are no optimizer's slots")
                    + "; the slots are torch.optim's " + OptimizerState.SLOTS);
        }
    }

    /** The header's entry of the tensor {@code name}: of {@code shape}, in a float dtype. */
    private static void checkEntry(String name, SafeTensorsReader.Entry entry, long[] shape, String where)
            throws WeightsFormatException {
        if (!entry.shape().equals(shape(shape))) {
            throw new WeightsFormatException(where + ": tensor '" + name + "': expected shape " + shape(shape) + ", found "
                    + entry.shape());
        }
        requireFloat(name, entry, where);
    }

    /** The header's entry of the tensor {@code name} is of a float dtype, which a load converts. */
    static void requireFloat(String name, SafeTensorsReader.Entry entry, String where) throws WeightsFormatException {
        if (!entry.dtype().readsAsFloat()) {
            throw new WeightsFormatException(where + ": tensor '" + Messages.excerpt(name) + "' is " + entry.dtype()
                    + "; expected a float dtype (F32, F16, BF16 or F64)");
        }
    }

    private static List<Long> shape(long[] dimensions) {
        return Arrays.stream(dimensions).boxed().toList();
    }

    /**
     * Every parameter finite: each tensor was, but PyTorch's two recurrent biases are summed into
     * one, and two finite floats can sum past float's range.
     */
    private static void requireFinite(Predictor model, float[] parameters, String where) throws WeightsFormatException {
        for (LayerInfo layer : model.layers()) {
            for (TensorInfo tensor : layer.tensors()) {
                for (int i = 0; i < tensor.size(); i++) {
                    if (!Float.isFinite(parameters[tensor.offset() + i])) {
                        throw new WeightsFormatException(where + ": " + layer.name() + ".bias_ih_l0 + " + layer.name()
                                + ".bias_hh_l0 is " + parameters[tensor.offset() + i] + " at element " + i
                                + ", past float's range");
                    }
                }
            }
        }
    }

    /** The format's version, and the keys a file of this format must record; a PyTorch file has none of them. */
    private static void checkFormat(Map<String, String> metadata, String where) throws WeightsFormatException {
        if (!FORMAT_NAME.equals(metadata.get(FORMAT))) {
            return;
        }
        String version = metadata.get(FORMAT_VERSION);
        if (!FORMAT_VERSION_NUMBER.equals(version)) {
            throw new WeightsFormatException(where + ": format version " + (version == null ? "missing"
                    : "'" + Messages.excerpt(version) + "'") + ", this runtime reads version " + FORMAT_VERSION_NUMBER);
        }
        for (String key : List.of(CHECKSUM, ARCHITECTURE, LAYERS)) {
            if (!metadata.containsKey(key)) {
                throw new WeightsFormatException(where + ": metadata '" + key + "' is missing from a file of format " + FORMAT_NAME);
            }
        }
    }

    /** The architecture the file records, if any, against the model's. */
    private static void checkArchitecture(Predictor model, Map<String, String> metadata, String where) throws WeightsFormatException {
        String fingerprint = metadata.get(ARCHITECTURE);
        List<String> layers = Architecture.layers(model);
        if (fingerprint != null && !fingerprint.equals(Architecture.fingerprint(layers))) {
            String network = metadata.getOrDefault(NETWORK, "(unnamed)");
            throw new WeightsFormatException(where + ": weights of network '" + Messages.excerpt(network)
                    + "', whose architecture differs from " + model.name() + "'s: " + firstDifference(metadata.get(LAYERS), layers));
        }
    }

    /** The checksum the file records against {@code actual}, the contents'. */
    private static void checkChecksum(Map<String, String> metadata, String actual, String where) throws WeightsFormatException {
        String recorded = metadata.get(CHECKSUM);
        if (!actual.equals(recorded)) {
            throw new WeightsFormatException(where + ": the contents' checksum is " + actual + ", the header records "
                    + Messages.excerpt(recorded) + ": the file is corrupt");
        }
    }

    private static String firstDifference(String recorded, List<String> layers) {
        if (recorded == null) {
            return "the file records its fingerprint only";
        }
        List<String> theirs = Arrays.asList(recorded.split("\n", -1));
        for (int i = 0; i < Math.max(theirs.size(), layers.size()); i++) {
            String their = i < theirs.size() ? theirs.get(i) : "(none)";
            String ours = i < layers.size() ? layers.get(i) : "(none)";
            if (!their.equals(ours)) {
                return "layer " + i + " is '" + Messages.excerpt(their) + "' in the file and '" + ours + "' in the model";
            }
        }
        return "the file's layers " + Messages.list(theirs) + " do not match its fingerprint";
    }

    /**
     * The values of {@code stored}, the file's tensor {@code name}, as floats, which a load takes
     * only when {@link #problem} finds none.
     */
    private static float[] values(Predictor model, String name, StoredTensor stored, String where) throws WeightsFormatException {
        float[] values = stored.floats();
        String problem = problem(model, name, values);
        if (problem != null) {
            throw new WeightsFormatException(where + ": tensor '" + name + "' " + problem);
        }
        return values;
    }

    /**
     * What a load refuses in {@code values}, the tensor {@code name} of {@code model}'s
     * {@code state_dict} (or of its optimizer state), and a save refuses to write: a value that is
     * not finite, or a running variance below 0. Null when there is nothing.
     */
    private static String problem(Predictor model, String name, float[] values) {
        boolean variance = TorchLayout.isVariance(model, name);
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return "holds " + values[i] + " at element " + i + "; its values must be finite";
            }
            if (variance && values[i] < 0) {
                return "holds " + values[i] + " at element " + i + "; a variance is at least 0";
            }
        }
        return null;
    }

    private static OptimizerState optimizerState(Predictor model, SafeTensors file, String where) throws WeightsFormatException {
        Map<String, String> metadata = file.metadata();
        Map<String, float[]> slots = new LinkedHashMap<>();
        for (String name : file.tensors().keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                slots.put(name.substring(OPTIMIZER_PREFIX.length()), values(model, name, file.tensor(name), where));
            }
        }
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            if (key.startsWith(OPTIMIZER_PREFIX) && !key.equals(STEPS) && !key.equals(LEARNING_RATE)) {
                scalars.put(key.substring(OPTIMIZER_PREFIX.length()), number(metadata, key, where));
            }
        }
        try {
            return OptimizerState.of(metadata.get(OPTIMIZER), steps(metadata, where), number(metadata, LEARNING_RATE, where),
                    slots, scalars);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(where + ": optimizer state: " + e.getMessage(), e);
        }
    }

    private static long steps(Map<String, String> metadata, String where) throws WeightsFormatException {
        String value = metadata.get(STEPS);
        try {
            return Long.parseLong(Objects.requireNonNullElse(value, ""));
        } catch (NumberFormatException e) {
            throw new WeightsFormatException(where + ": metadata '" + STEPS + "': expected a whole number, found "
                    + (value == null ? "none" : "'" + Messages.excerpt(value) + "'"), e);
        }
    }

    private static double number(Map<String, String> metadata, String key, String where) throws WeightsFormatException {
        try {
            return number(metadata, key);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * The metadata value {@code key} as a number.
     *
     * @throws IllegalArgumentException naming the key, when it is missing or not a number
     */
    static double number(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("metadata '" + Messages.excerpt(key) + "' is missing");
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metadata '" + Messages.excerpt(key) + "': expected a number, found '"
                    + Messages.excerpt(value) + "'", e);
        }
    }

    private static List<String> labels(Predictor model, String json, String where) throws WeightsFormatException {
        List<String> labels = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new WeightsFormatException(where + ": metadata '" + CLASS_LABELS + "': expected a JSON array of strings, found "
                        + Messages.excerpt(json));
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_STRING) {
                    throw new WeightsFormatException(where + ": metadata '" + CLASS_LABELS
                            + "': expected a JSON array of strings, found " + token + " in " + Messages.excerpt(json));
                }
                labels.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new WeightsFormatException(where + ": metadata '" + CLASS_LABELS + "': text after the array in " + Messages.excerpt(json));
            }
        } catch (IOException e) {
            if (e instanceof WeightsFormatException format) {
                throw format;
            }
            throw new WeightsFormatException(where + ": metadata '" + CLASS_LABELS + "' is not JSON: " + e.getMessage(), e);
        }
        try {
            checkLabels(model, labels);
        } catch (IllegalArgumentException e) {
            throw new WeightsFormatException(where + ": " + e.getMessage(), e);
        }
        return List.copyOf(labels);
    }

    private static void checkLabels(Predictor model, List<String> labels) {
        int outputs = model.outputSize();
        if (labels.size() != outputs && !(outputs == 1 && labels.size() == 2)) {
            throw new IllegalArgumentException("class labels: expected " + outputs + (outputs == 1 ? " or 2" : "")
                    + " for " + outputs + " output" + (outputs == 1 ? "" : "s") + ", found " + labels.size() + " " + Messages.list(labels));
        }
    }

    private static String toJson(List<String> labels) {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JSON.createGenerator(text)) {
            out.writeStartArray();
            for (String label : labels) {
                out.writeString(Objects.requireNonNull(label, "class labels: a label is null"));
            }
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return text.toString();
    }

    /** What a weights file held besides the weights. */
    public static final class Loaded {

        private final Map<String, String> metadata;
        private final Map<String, Scaler> scalers;
        private final List<String> classLabels;
        private final OptimizerState optimizerState;

        Loaded(Map<String, String> metadata, Map<String, Scaler> scalers, List<String> classLabels,
                OptimizerState optimizerState) {
            this.metadata = metadata;
            this.scalers = Collections.unmodifiableMap(scalers);
            this.classLabels = classLabels;
            this.optimizerState = optimizerState;
        }

        /** The header's {@code __metadata__}, as written; empty for a file without (PyTorch's). */
        public Map<String, String> metadata() {
            return metadata;
        }

        /** The fitted scalers by name, in the file's order; unmodifiable. */
        public Map<String, Scaler> scalers() {
            return scalers;
        }

        /**
         * The fitted scaler saved as {@code name}.
         *
         * @throws IllegalArgumentException naming the scalers there are
         */
        public Scaler scaler(String name) {
            Scaler scaler = scalers.get(name);
            if (scaler == null) {
                throw new IllegalArgumentException("no scaler '" + name + "' in the file; it has " + Messages.list(scalers.keySet()));
            }
            return scaler;
        }

        /** The class labels in output order, or an empty list when the file has none. */
        public List<String> classLabels() {
            return classLabels;
        }

        /** The optimizer state the file holds (applied by {@link Weights#resume}), if any. */
        public Optional<OptimizerState> optimizerState() {
            return Optional.ofNullable(optimizerState);
        }
    }
}
