package dev.nnc.processor.plan;

import dev.nnc.annotations.InitializerType;
import dev.nnc.annotations.LayerKind;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.NetworkSpec;
import dev.nnc.processor.spec.Penalties;
import java.util.ArrayList;
import java.util.List;

/**
 * Lays a validated spec out in memory: shapes, the offset of every parameter block, the optimizer's
 * state and the widest activation. Works from a clean validation report, so sizes fit in an int.
 */
public final class Planner {

    public NetworkPlan plan(NetworkSpec spec) {
        List<List<TensorPlan>> unplaced = new ArrayList<>();
        int width = spec.inputWidth();
        int trained = 0;
        for (LayerSpec layer : spec.layers()) {
            List<TensorPlan> tensors = tensorsOf(layer, width);
            unplaced.add(tensors);
            if (layer.trainable()) {
                trained += tensors.stream().filter(TensorPlan::trained).mapToInt(TensorPlan::size).sum();
            }
            width = layer.outputWidth(width);
        }
        // the tensors the optimizer trains first: gradients and optimizer state then cover exactly
        // [0, trained), and frozen layers and running statistics get neither
        int trainedOffset = 0;
        int otherOffset = trained;
        List<LayerPlan> layers = new ArrayList<>();
        int inputs = spec.inputWidth();
        int steps = spec.sequential() ? spec.timesteps() : 0;
        int widest = spec.inputSize();
        boolean trainsBefore = false;
        for (int i = 0; i < spec.layers().size(); i++) {
            LayerSpec layer = spec.layers().get(i);
            List<TensorPlan> placed = new ArrayList<>();
            for (TensorPlan tensor : unplaced.get(i)) {
                if (layer.trainable() && tensor.trained()) {
                    placed.add(tensor.at(trainedOffset));
                    trainedOffset += tensor.size();
                } else {
                    placed.add(tensor.at(otherOffset));
                    otherOffset += tensor.size();
                }
            }
            int units = layer.outputWidth(inputs);
            int outputSteps = layer.outputSteps(steps);
            LayerPlan planned = new LayerPlan(layer, i, steps, outputSteps, inputs, units, placed, trainsBefore);
            layers.add(planned);
            trainsBefore |= planned.trains();
            inputs = units;
            steps = outputSteps;
            widest = Math.max(widest, planned.outputSize());
        }
        return new NetworkPlan(spec, layers, otherOffset, trained, spec.optimizerOrStandIn().stateSlots(), widest);
    }

    /** A layer's tensors in Keras' order of its weights, not yet placed. */
    private static List<TensorPlan> tensorsOf(LayerSpec layer, int inputs) {
        List<TensorPlan> tensors = new ArrayList<>();
        int units = layer.units();
        Penalties penalties = layer.penalties();
        switch (layer.kind()) {
            case DENSE -> {
                tensors.add(new TensorPlan("kernel", -1, List.of(inputs, units), resolveKernel(layer), inputs, units,
                        penalties.kernelL1(), penalties.kernelL2(), true));
                if (layer.useBias()) {
                    tensors.add(new TensorPlan("bias", -1, List.of(units), resolveBias(layer), units, units,
                            penalties.biasL1(), penalties.biasL2(), true));
                }
                if (layer.activation().learnsAlpha()) {
                    InitializerSpec alpha = layer.kernelInitializer().as(InitializerType.CONSTANT)
                            .withConstant(layer.activation().effectiveAlpha());
                    tensors.add(new TensorPlan("alpha", -1, List.of(units), alpha, units, units, 0, 0, true));
                }
            }
            case SIMPLE_RNN, LSTM, GRU -> {
                int columns = layer.gates() * units;
                tensors.add(new TensorPlan("kernel", -1, List.of(inputs, columns), resolveKernel(layer), inputs, columns,
                        penalties.kernelL1(), penalties.kernelL2(), true));
                tensors.add(new TensorPlan("recurrent_kernel", -1, List.of(units, columns), layer.settings().recurrentInitializer(),
                        units, columns, 0, 0, true));
                if (layer.useBias()) {
                    // GRU's reset-after form keeps the input and the recurrent bias as two rows, as Keras
                    List<Integer> shape = layer.twoBiases() ? List.of(2, columns) : List.of(columns);
                    tensors.add(new TensorPlan("bias", -1, shape, resolveBias(layer), columns, columns,
                            penalties.biasL1(), penalties.biasL2(), true));
                }
            }
            case DROPOUT -> { }
            case LAYER_NORM, BATCH_NORM -> {
                if (layer.settings().scale()) {
                    tensors.add(perFeature("gamma", InitializerType.ONES, layer, inputs, true));
                }
                if (layer.settings().center()) {
                    tensors.add(perFeature("beta", InitializerType.ZEROS, layer, inputs, true));
                }
                if (layer.kind() == LayerKind.BATCH_NORM) {
                    tensors.add(perFeature("moving_mean", InitializerType.ZEROS, layer, inputs, false));
                    tensors.add(perFeature("moving_variance", InitializerType.ONES, layer, inputs, false));
                }
            }
        }
        return tensors;
    }

    private static TensorPlan perFeature(String name, InitializerType initializer, LayerSpec layer, int features, boolean trained) {
        return new TensorPlan(name, -1, List.of(features), InitializerSpec.of(initializer, layer.source()), features, features,
                0, 0, trained);
    }

    /** Keras' default is Glorot uniform; He uniform keeps ReLU layers' variance (He et al., 2015). */
    private static InitializerSpec resolveKernel(LayerSpec layer) {
        InitializerSpec kernel = layer.kernelInitializer();
        if (kernel.type() != InitializerType.AUTO) {
            return kernel;
        }
        return kernel.as(layer.activation().isReluFamily() ? InitializerType.HE_UNIFORM : InitializerType.GLOROT_UNIFORM);
    }

    /** Biases start at zero unless the spec says otherwise, as Keras'. */
    private static InitializerSpec resolveBias(LayerSpec layer) {
        InitializerSpec bias = layer.biasInitializer();
        return bias.type() == InitializerType.AUTO ? bias.as(InitializerType.ZEROS) : bias;
    }
}
