package dev.nnc.processor.spec;

import dev.nnc.annotations.Precision;
import java.util.List;
import java.util.Set;

/**
 * Everything a {@code @Network} interface declares, as plain immutable values. Built by the
 * reader; the validator, planner and emitters work from it alone.
 *
 * @param packageName the package of the interface and of the generated class
 * @param interfaceName the interface's qualified name, for messages and {@code @Generated}
 * @param className the generated class's simple name
 * @param classNameFacts the types of that name the class would meet: in the package, java.lang, the spec's file
 * @param type facts about the annotated type
 * @param source the {@code @Network} annotation
 * @param inputs input features per sample of a network on vectors, as written (0 when not)
 * @param timesteps time steps per sample of a network on sequences, as written (0 when not)
 * @param features values per time step of a network on sequences, as written (0 when not)
 * @param seed initialisation seed
 * @param precision float (the product) or double (for verification)
 * @param weights the classpath resource of the trained weights, as written; empty for none
 * @param written the attributes written on {@code @Network}: a default value written out (an input
 *     shape of 0, weights {@code ""}) is a mistake, not the default
 * @param layers the layers in declaration order
 * @param strayActivations methods with {@code @Activation} but no {@code @Layer}
 * @param methodsWithoutLayer abstract methods with neither, which a network interface has no use for
 * @param loss the loss, or {@code null} when missing
 * @param optimizer the optimizer, or {@code null} when missing
 */
public record NetworkSpec(
        String packageName,
        String interfaceName,
        String className,
        ClassNameFacts classNameFacts,
        TypeShape type,
        Source source,
        int inputs,
        int timesteps,
        int features,
        long seed,
        Precision precision,
        String weights,
        Set<String> written,
        List<LayerSpec> layers,
        List<Stray> strayActivations,
        List<Stray> methodsWithoutLayer,
        LossSpec loss,
        OptimizerSpec optimizer) {

    public NetworkSpec {
        written = Set.copyOf(written);
        layers = List.copyOf(layers);
        strayActivations = List.copyOf(strayActivations);
        methodsWithoutLayer = List.copyOf(methodsWithoutLayer);
    }

    /** A method of the interface that declares no layer: it carries {@code @Activation} without {@code @Layer}, or neither. */
    public record Stray(String methodName, Source source) {}

    /** Whether the network only predicts: it declares neither {@code @Loss} nor {@code @Optimizer}, its weights come from a file. */
    public boolean predictsOnly() {
        return loss == null && optimizer == null;
    }

    /**
     * The loss the generated class is written with: the declared one, or for a network that only
     * predicts a stand-in, which its training methods (they refuse to run) never use.
     */
    public LossSpec lossOrStandIn() {
        return loss != null ? loss : new LossSpec(dev.nnc.annotations.LossType.MSE, false, 1.0, 0.5, 2.0, Double.NaN,
                Set.of(), source);
    }

    /** The optimizer the generated class is written with: the declared one, or plain SGD as a stand-in; see {@link #lossOrStandIn}. */
    public OptimizerSpec optimizerOrStandIn() {
        return optimizer != null ? optimizer : new OptimizerSpec(dev.nnc.annotations.OptimizerType.SGD, Double.NaN, 0, false,
                0.9, Double.NaN, Double.NaN, Double.NaN, 0.99, false, false, 4e-3, 0, 0, Set.of(), source);
    }

    /** Whether the input is a sequence: {@code timesteps} (or {@code features}) was given. */
    public boolean sequential() {
        return timesteps != 0 || features != 0;
    }

    /** Values per row of the input: per time step of a sequence, else per sample. */
    public int inputWidth() {
        return sequential() ? features : inputs;
    }

    /** Values of one input sample: {@code timesteps * features}, or {@code inputs}. */
    public int inputSize() {
        return sequential() ? timesteps * features : inputs;
    }

    /** The interface's simple name. */
    public String interfaceSimpleName() {
        return interfaceName.substring(interfaceName.lastIndexOf('.') + 1);
    }

    /** The generated class's qualified name. */
    public String qualifiedClassName() {
        return packageName.isEmpty() ? className : packageName + "." + className;
    }

    /** The last layer, whose output is the network's. */
    public LayerSpec outputLayer() {
        return layers.get(layers.size() - 1);
    }
}
