package dev.nnc.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@link Predictor#summary()}: Keras' {@code model.summary()} table (layer and kind, output shape with
 * the batch as {@code None}, parameters, activation), its totals of trainable and non-trainable
 * parameters with their size as Keras prints it, and a line of what the instance holds in memory.
 */
final class Summary {

    private static final String[] HEADER = {"Layer (type)", "Output Shape", "Param #", "Activation"};

    private Summary() {}

    static String of(Predictor model) {
        List<String[]> rows = new ArrayList<>();
        long trainable = 0;
        long frozen = 0;
        for (LayerInfo layer : model.layers()) {
            rows.add(new String[] {
                layer.name() + " (" + layer.kerasName() + ")",
                shape(layer.outputShape()),
                String.format(Locale.ROOT, "%,d", layer.parameterCount()),
                layer.activation().toLowerCase(Locale.ROOT)});
            // a network that only predicts counts its parameters as declared, as Keras does
            boolean trains = model instanceof Model trained ? trained.isTrainable(layer.name()) : layer.trainable();
            for (TensorInfo tensor : layer.tensors()) {
                if (trains && tensor.trainable()) {
                    trainable += tensor.size();
                } else {
                    frozen += tensor.size();
                }
            }
        }
        int[] widths = new int[HEADER.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = HEADER[c].length();
            for (String[] row : rows) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        int lineWidth = 1 + widths[0] + 3 + widths[1] + 3 + widths[2] + 3 + widths[3];
        StringBuilder table = new StringBuilder("Model: \"").append(model.name()).append("\"\n");
        table.append("_".repeat(lineWidth)).append('\n');
        row(table, HEADER, widths);
        table.append("=".repeat(lineWidth)).append('\n');
        for (String[] row : rows) {
            row(table, row, widths);
        }
        table.append("=".repeat(lineWidth)).append('\n');
        Memory memory = model.memory();
        table.append(String.format(Locale.ROOT, "Total params: %,d (%s)\n", trainable + frozen, size(4 * (trainable + frozen))))
                .append(String.format(Locale.ROOT, "Trainable params: %,d (%s)\n", trainable, size(4 * trainable)))
                .append(String.format(Locale.ROOT, "Non-trainable params: %,d (%s)\n", frozen, size(4 * frozen)))
                .append(String.format(Locale.ROOT, "Memory: weights %s, gradients %s, optimizer state %s (%s),"
                                + " workspace %s for batches of up to %,d sample%s\n",
                        size(memory.weights()), size(memory.gradients()), size(memory.optimizerState()),
                        model instanceof Model trained ? trained.optimizer() : "none",
                        size(memory.workspace()), memory.capacity(), memory.capacity() == 1 ? "" : "s"))
                .append("_".repeat(lineWidth)).append('\n');
        return table.toString();
    }

    /** {@code (None, 24, 32)}: the batch first, as Keras writes it. */
    private static String shape(List<Integer> shape) {
        StringBuilder text = new StringBuilder("(None");
        for (int dimension : shape) {
            text.append(", ").append(dimension);
        }
        return text.append(')').toString();
    }

    /** Keras' {@code readable_memory_size}: B, KB, MB, GB of 1024, two decimals. */
    static String size(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }

    /** The name and kind left-aligned, the parameters right-aligned as numbers, as Keras lays them out. */
    private static void row(StringBuilder table, String[] cells, int[] widths) {
        String line = " " + pad(cells[0], widths[0]) + "   " + pad(cells[1], widths[1]) + "   "
                + " ".repeat(widths[2] - cells[2].length()) + cells[2] + "   " + cells[3];
        table.append(line.stripTrailing()).append('\n');
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
