package dev.nnc.processor.layer;

import dev.nnc.annotations.ActivationType;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.ProductForm;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.validate.ValidationReport;
import com.palantir.javapoet.CodeBlock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the processor knows of one kind of layer, in one place, read by every pass: the
 * reader (its default activation), the validator (the settings it reads and their ranges), the
 * shape pass, the planner (its tensors), the emitters (its buffers and its emitter) and the runtime
 * (its Keras class). {@link LayerTypes} maps each {@code LayerKind} to one.
 */
public interface LayerType {

    /** Its class in Keras ({@code Dense}), which the model's summary shows. */
    String kerasName();

    /**
     * The attributes of {@code @Layer} it reads, beyond {@code kind} and {@code trainable}, which
     * every layer reads; writing another is a mistake the validator reports.
     */
    Set<String> attributes();

    /** The activation it applies when the spec gives no {@code @Activation}. */
    default ActivationType defaultActivation() {
        return ActivationType.LINEAR;
    }

    /** Whether an {@code @Activation} on it means anything; a layer that only moves values takes none. */
    default boolean takesActivation() {
        return true;
    }

    /** Whether it learns PReLU's slopes, one per unit, as a tensor of its own. */
    default boolean learnsActivationSlopes() {
        return false;
    }

    /**
     * Whether its output is its input's values in the same order, so that a layer after it can read
     * its input's buffer: the planner then gives it no buffer and no code ({@link LayerPlan#view()}).
     */
    default boolean isView() {
        return false;
    }

    /** How its forward product runs; the broadcast form unless a descriptor knows better. */
    default ProductForm forwardForm(Shape output) {
        return ProductForm.BROADCAST;
    }

    /**
     * The tensors it keeps transposed for the backward pass, so that its products run along
     * contiguous rows ({@link LayerPlan#mirrors()}), given whether the backward pass visits it and
     * whether it must compute its input's gradient.
     */
    default List<String> mirrors(Shape output, boolean needsBackward, boolean needsInputGradient) {
        return List.of();
    }

    /**
     * Whether its activation runs on its output after its computation, as a pass of its own or in
     * its product's epilogue (a recurrent cell applies its activations inside instead).
     */
    default boolean activatesOutput() {
        return false;
    }

    /** Whether its product's epilogue applies its activation ({@link LayerPlan#fusesActivation()}). */
    default boolean fusesActivation(LayerSpec layer) {
        return false;
    }

    /** Whether its input must have a time axis. */
    default boolean needsSequence() {
        return false;
    }

    /** The shape of its output for {@code input}, whatever the settings' mistakes (the validator reports them). */
    Shape output(LayerSpec layer, Shape input);

    /** Reports what is wrong with the settings it reads (each in its range, those it needs written). */
    default void check(LayerSpec layer, ValidationReport report) {}

    /** Its parameter tensors for {@code input}, in the order Keras lists its weights; empty for none. */
    List<TensorSpec> tensors(LayerSpec layer, Shape input);

    /**
     * The settings it reads, as text by attribute, for the runtime's {@code LayerInfo}: what shapes
     * its computation (the initialisers, which only say how training starts, are not among them).
     */
    default Map<String, String> settings(LayerSpec layer) {
        return Map.of();
    }

    /** Whether it draws from the model's random generator in training (dropout masks). */
    default boolean drawsInTraining(LayerSpec layer) {
        return false;
    }

    /** The workspace buffers it may keep beside its output, by role; its emitter declares those it uses. */
    default List<String> buffers() {
        return List.of();
    }

    /**
     * Statements that follow the drawing of its tensors into the double array {@code p}, for a start
     * Keras gives that no initialiser can (LSTM's forget-gate bias of 1).
     */
    default CodeBlock afterInitialization(LayerPlan layer, LayerNames names) {
        return CodeBlock.of("");
    }

    /**
     * Its emitter.
     */
    LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names);
}
