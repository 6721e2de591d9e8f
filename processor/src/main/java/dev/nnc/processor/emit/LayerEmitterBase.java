package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.Activations.DerivativeInput;
import dev.nnc.processor.plan.LayerPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What every layer emitter shares: its layer and names, and the frame of a backward kernel, whose
 * parameters and arguments open with {@code dx} (when the gradient flows on), {@code g} (when the
 * layer trains) and {@code dy}, and close with the row count and the run-time {@code train} flag.
 */
abstract class LayerEmitterBase implements LayerEmitter {

    final Numeric numeric;
    final LayerPlan layer;
    final LayerNames names;

    LayerEmitterBase(Numeric numeric, LayerPlan layer, LayerNames names) {
        this.numeric = numeric;
        this.layer = layer;
        this.names = names;
    }

    @Override
    public final LayerPlan layer() {
        return layer;
    }

    @Override
    public final LayerNames names() {
        return names;
    }

    /** The statement that runs {@code kernel} of the nested Kernels class on {@code arguments}. */
    static CodeBlock kernelCall(String kernel, List<String> arguments) {
        return CodeBlock.builder().addStatement("$L.$L($L)", ModelEmitter.KERNELS, kernel, String.join(", ", arguments)).build();
    }

    /** Declares {@code dx}, {@code g} and {@code dy}, as far as the layer has them. */
    void declareBackwardHead(MethodSpec.Builder method) {
        if (layer.needsInputGradient()) {
            method.addParameter(numeric.array(), "dx");
        }
        if (layer.trains()) {
            method.addParameter(numeric.array(), "g");
        }
        method.addParameter(numeric.array(), "dy");
    }

    /** Declares what an activation's derivative reads: {@code y} or {@code z}, or nothing. */
    void declareDerivativeInput(MethodSpec.Builder method, DerivativeInput reads) {
        if (reads == DerivativeInput.OUTPUT) {
            method.addParameter(numeric.array(), "y");
        } else if (reads == DerivativeInput.PRE_ACTIVATION) {
            method.addParameter(numeric.array(), "z");
        }
    }

    /**
     * Declares {@code n} and {@code train}; a layer that trains but passes no gradient on returns
     * at once when frozen at run time.
     */
    void declareBackwardTail(MethodSpec.Builder method) {
        method.addParameter(int.class, "n");
        if (layer.trains()) {
            method.addParameter(boolean.class, "train");
        }
        if (layer.trains() && !layer.needsInputGradient()) {
            // nothing flows past this layer: frozen at run time, it has nothing left to do
            method.beginControlFlow("if (!train)").addStatement("return").endControlFlow();
        }
    }

    /** The arguments {@link #declareBackwardHead} declares. */
    List<String> backwardHead(String dx, String dy) {
        List<String> arguments = new ArrayList<>();
        if (layer.needsInputGradient()) {
            arguments.add(dx);
        }
        if (layer.trains()) {
            arguments.add("gradients");
        }
        arguments.add(dy);
        return arguments;
    }

    /** The argument {@link #declareDerivativeInput} declares, added to {@code arguments}. */
    void addDerivativeInput(List<String> arguments, DerivativeInput reads) {
        switch (reads) {
            case OUTPUT -> arguments.add(names.output());
            case PRE_ACTIVATION -> arguments.add(names.preActivation());
            case NOTHING -> { }
        }
    }

    /** The arguments {@link #declareBackwardTail} declares, added to {@code arguments}. */
    void addBackwardTail(List<String> arguments, String rows) {
        arguments.add(rows);
        if (layer.trains()) {
            arguments.add("trains[" + layer.index() + "]");
        }
    }
}
