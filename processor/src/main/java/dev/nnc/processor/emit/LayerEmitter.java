package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.List;

/**
 * What one layer contributes to the generated class, beyond what every layer has (its size and
 * tensor-offset constants, its output workspace, its initial parameters), which the model emitter
 * writes itself. The model emitter sees layers only through this; each kind's {@code LayerType}
 * makes its emitter.
 *
 * <p>The forward and backward statements run in the model's {@code forward(x, n)} and
 * {@code backward(x, targets, sampleWeights, n)}, where {@code parameters}, {@code gradients},
 * {@code training}, {@code trains} and the other layers' workspaces are in scope.
 */
public interface LayerEmitter {

    LayerPlan layer();

    LayerNames names();

    /** Workspace fields besides the output, each sized by {@link #reserve()}. */
    List<FieldSpec> buffers();

    /** Statements of {@code reserve(n)} that size {@link #buffers()} for {@code n} samples. */
    CodeBlock reserve();

    /**
     * Final fields shared with predictors and kept in step with the parameters (Dense's W^T
     * mirror): declared here, assigned by {@link #construct()} in the constructor, where
     * {@code source} is the model a predictor comes from or null, and brought up to date by
     * {@link #refresh()} whenever the parameters change.
     */
    default List<FieldSpec> sharedFields() {
        return List.of();
    }

    default CodeBlock construct() {
        return CodeBlock.of("");
    }

    default CodeBlock refresh() {
        return CodeBlock.of("");
    }

    /** The layer's methods in the nested {@code Kernels} class. */
    List<MethodSpec> kernels();

    /** Statements that run the layer forward from {@code input} (the previous layer's output or {@code x}). */
    CodeBlock forward(String input);

    /**
     * Statements that run the layer backward: {@code dy} holds dL/d(its output) on entry and may be
     * overwritten; the layer writes its own gradients into {@code gradients} while
     * {@code trains[index]}, and dL/d(its input) into {@code dx} when
     * {@link LayerPlan#needsInputGradient()}.
     */
    CodeBlock backward(String dx, String dy, String input);
}
