package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of a model as PyTorch's {@code state_dict} of the equivalent {@code nn} model names
 * and lays them out, and back. A model keeps Keras' layouts ({@link TensorInfo}); PyTorch's
 * differ in three ways, each undone here:
 * <ul>
 *   <li>weights are {@code [out, in]}, Keras' kernels {@code [in, out]}: transposed;</li>
 *   <li>GRU's gates are ordered r, z, n in PyTorch and z, r, h in Keras: reordered (LSTM's i, f,
 *       g, o are Keras' i, f, c, o);</li>
 *   <li>recurrent layers have two biases, {@code bias_ih} and {@code bias_hh}, where Keras has
 *       one (LSTM, SimpleRNN; GRU's reset-after form has both): PyTorch's are summed on load and
 *       Keras' one is saved as {@code bias_ih} with a zero {@code bias_hh}.</li>
 * </ul>
 * docs/PERSISTENCE.md has the whole table, with Keras' names.
 */
final class TorchLayout {

    /** For each of PyTorch's GRU gates r, z, n, the Keras gate (z, r, h) holding it. */
    private static final int[] GRU_GATES = {1, 0, 2};

    /** The tensors PyTorch keeps that a model has no use for, by the suffix of their name in a layer of this kind. */
    private static final Map<String, String> TORCH_ONLY = Map.of("BATCH_NORM", "num_batches_tracked");

    private TorchLayout() {}

    /** One tensor of the {@code state_dict}: its name, PyTorch's shape and its values in PyTorch's layout. */
    record Tensor(String name, long[] shape, float[] values) {}

    /**
     * One tensor of the {@code state_dict} and where it lives in the model's parameters: the
     * {@code form} of the values from {@code offset}. The second bias of a layer that keeps one
     * ({@code summed}) adds to the first on load and is saved as zeros.
     */
    private record Entry(String name, long[] shape, Form form, int offset, boolean summed) {}

    /** The model's parameters {@code parameters} as PyTorch's {@code state_dict} tensors, in layer order. */
    static List<Tensor> stateDict(Predictor model, float[] parameters) {
        List<Tensor> tensors = new ArrayList<>();
        for (Entry entry : entries(model)) {
            float[] values = entry.summed() ? new float[entry.form().size()] : entry.form().toTorch(parameters, entry.offset());
            tensors.add(new Tensor(entry.name(), entry.shape(), values));
        }
        return tensors;
    }

    /**
     * The parameters of {@code model} from PyTorch's {@code state_dict} tensors {@code values},
     * whose names and shapes the caller has checked against {@link #stateDict}: laid out as
     * {@link Model#readParameters}.
     */
    static float[] parameters(Predictor model, Map<String, float[]> values) {
        float[] parameters = new float[model.parameterCount()];
        for (Entry entry : entries(model)) {
            // entries come in order, so a summed bias finds the first already in place
            entry.form().fromTorch(values.get(entry.name()), parameters, entry.offset(), entry.summed());
        }
        return parameters;
    }

    /** Every {@code state_dict} tensor of {@code model}, layer by layer. */
    private static List<Entry> entries(Predictor model) {
        List<Entry> entries = new ArrayList<>();
        for (LayerInfo layer : model.layers()) {
            String prefix = layer.name() + ".";
            for (TensorInfo tensor : layer.tensors()) {
                Form form = form(layer, tensor);
                String name = prefix + torchName(layer, tensor);
                if (twoBiases(layer, tensor)) {
                    // Keras' [2, 3 units]: its rows are PyTorch's bias_ih and bias_hh
                    Form row = new Form(1, form.gates(), form.units(), form.gateOrder());
                    long[] shape = {row.size()};
                    entries.add(new Entry(name, shape, row, tensor.offset(), false));
                    entries.add(new Entry(prefix + "bias_hh_l0", shape, row, tensor.offset() + row.size(), false));
                } else {
                    entries.add(new Entry(name, form.torchShape(tensor), form, tensor.offset(), false));
                    if (recurrentBias(layer, tensor)) {
                        // PyTorch adds both biases to the gates' sum; a model with one bias takes their sum
                        entries.add(new Entry(prefix + "bias_hh_l0", new long[] {tensor.size()}, form, tensor.offset(), true));
                    }
                }
            }
        }
        return entries;
    }

    /**
     * What PyTorch's {@code state_dict} has besides the parameters, so that
     * {@code load_state_dict(strict=True)} takes a file saved here: batch normalisation's
     * {@code num_batches_tracked}, the steps the model has trained (each updated the running
     * statistics once).
     */
    static Map<String, StoredTensor> extras(Predictor model) {
        Map<String, StoredTensor> extras = new LinkedHashMap<>();
        for (LayerInfo layer : model.layers()) {
            String suffix = TORCH_ONLY.get(layer.kind());
            if (suffix != null) {
                long steps = model instanceof Model trained ? trained.steps() : 0;
                extras.put(layer.name() + "." + suffix, StoredTensor.i64(new long[] {steps}));
            }
        }
        return extras;
    }

    /** Whether {@code name}, in {@code model}'s state_dict, is a batch normalisation's running variance, which is never negative. */
    static boolean isVariance(Predictor model, String name) {
        for (LayerInfo layer : model.layers()) {
            if (layer.kind().equals("BATCH_NORM") && name.equals(layer.name() + ".running_var")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code name}, in {@code model}'s state_dict, is a tensor PyTorch keeps that the model ignores. */
    static boolean ignored(Predictor model, String name) {
        for (LayerInfo layer : model.layers()) {
            String suffix = TORCH_ONLY.get(layer.kind());
            if (suffix != null && name.equals(layer.name() + "." + suffix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean recurrent(LayerInfo layer) {
        return switch (layer.kind()) {
            case "SIMPLE_RNN", "LSTM", "GRU" -> true;
            default -> false;
        };
    }

    /** A recurrent layer's single bias, which PyTorch splits into {@code bias_ih} and {@code bias_hh}. */
    private static boolean recurrentBias(LayerInfo layer, TensorInfo tensor) {
        return recurrent(layer) && tensor.name().equals("bias") && tensor.shape().size() == 1
                && !(layer.kind().equals("GRU") && layer.setting("resetAfter").equals("false"));
    }

    /** GRU's reset-after bias, Keras' {@code [2, 3 units]}: its rows are PyTorch's two biases. */
    private static boolean twoBiases(LayerInfo layer, TensorInfo tensor) {
        return layer.kind().equals("GRU") && tensor.name().equals("bias") && tensor.shape().size() == 2;
    }

    private static String torchName(LayerInfo layer, TensorInfo tensor) {
        if (recurrent(layer)) {
            return switch (tensor.name()) {
                case "kernel" -> "weight_ih_l0";
                case "recurrent_kernel" -> "weight_hh_l0";
                case "bias" -> "bias_ih_l0";
                default -> throw new IllegalStateException("no PyTorch name for tensor '" + tensor.name() + "' of "
                        + layer.kind() + " layer '" + layer.name() + "'");
            };
        }
        return switch (tensor.name()) {
            case "kernel", "gamma" -> "weight";
            case "beta" -> "bias";
            case "moving_mean" -> "running_mean";
            case "moving_variance" -> "running_var";
            default -> tensor.name();
        };
    }

    /** How a tensor maps: a matrix of {@code rows} rows and gate blocks of {@code units} columns, transposed and its gates reordered. */
    private static Form form(LayerInfo layer, TensorInfo tensor) {
        List<Integer> shape = tensor.shape();
        boolean matrix = shape.size() == 2 && !twoBiases(layer, tensor);
        int rows = matrix ? shape.get(0) : 1;
        int columns = shape.get(shape.size() - 1);
        return switch (layer.kind()) {
            case "LSTM" -> new Form(rows, 4, columns / 4, null);
            case "GRU" -> new Form(rows, 3, columns / 3, GRU_GATES);
            default -> new Form(rows, 1, columns, null);
        };
    }

    /**
     * A Keras tensor of {@code rows} rows of {@code gates} blocks of {@code units} columns, whose
     * PyTorch form is its transpose with the blocks in {@code gateOrder} (null: as they are).
     */
    private record Form(int rows, int gates, int units, int[] gateOrder) {

        /** PyTorch's shape: a weight {@code [gates * units, rows]}, a vector {@code [gates * units]}. */
        long[] torchShape(TensorInfo tensor) {
            return tensor.shape().size() == 2 ? new long[] {(long) gates * units, rows} : new long[] {(long) gates * units};
        }

        private int kerasGate(int torchGate) {
            return gateOrder == null ? torchGate : gateOrder[torchGate];
        }

        float[] toTorch(float[] parameters, int offset) {
            float[] torch = new float[size()];
            int columns = gates * units;
            for (int gate = 0; gate < gates; gate++) {
                int from = kerasGate(gate) * units;
                for (int j = 0; j < units; j++) {
                    for (int k = 0; k < rows; k++) {
                        torch[(gate * units + j) * rows + k] = parameters[offset + k * columns + from + j];
                    }
                }
            }
            return torch;
        }

        /** Values in PyTorch's layout. */
        int size() {
            return rows * gates * units;
        }

        /** Writes {@code torch} back into Keras' layout from {@code offset}, or adds it to what is there. */
        void fromTorch(float[] torch, float[] parameters, int offset, boolean add) {
            int columns = gates * units;
            for (int gate = 0; gate < gates; gate++) {
                int to = kerasGate(gate) * units;
                for (int j = 0; j < units; j++) {
                    for (int k = 0; k < rows; k++) {
                        float value = torch[(gate * units + j) * rows + k];
                        int index = offset + k * columns + to + j;
                        parameters[index] = add ? parameters[index] + value : value;
                    }
                }
            }
        }
    }

    /** The names of {@code model}'s {@code state_dict} tensors, in order, for messages. */
    static List<String> names(Predictor model) {
        return entries(model).stream().map(Entry::name).toList();
    }
}
