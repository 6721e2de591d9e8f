package dev.nnc.processor.emit;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.plan.LayerPlan;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Inverted dropout: in training each value is kept with probability {@code 1 - rate} and scaled by
 * {@code 1 / (1 - rate)}, so inference needs no rescaling and passes values through. The mask of
 * the last training pass, 0 or the scale per value, is kept for the backward pass, which is
 * {@code dx = dy * mask}.
 */
public final class DropoutEmitter extends LayerEmitterBase {

    public DropoutEmitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        super(numeric, layer, names);
    }

    private double rate() {
        return layer.spec().settings().rate();
    }

    @Override
    public List<FieldSpec> buffers() {
        return List.of(FieldSpec.builder(numeric.array(), names.buffer("mask"), Modifier.PRIVATE)
                .addJavadoc("Layer '$L' mask of the last training pass, (capacity, $L): 0 or 1 / (1 - $L) per value.\n",
                        layer.name(), layer.units(), rate())
                .build());
    }

    @Override
    public CodeBlock reserve() {
        return CodeBlock.builder().addStatement("$L = new $T[$L.length]", names.buffer("mask"), numeric.type(), names.output()).build();
    }

    @Override
    public List<MethodSpec> kernels() {
        List<MethodSpec> kernels = new ArrayList<>();
        kernels.add(MethodSpec.methodBuilder(names.forward())
                .addModifiers(Modifier.STATIC)
                .addJavadoc("Layer '$L', dropout at rate $L: in training y = x * mask with a fresh mask, else y = x.\n", layer.name(), rate())
                .addParameter(numeric.array(), "y")
                .addParameter(numeric.array(), "mask")
                .addParameter(numeric.array(), "x")
                .addParameter(Types.SPLITTABLE_RANDOM, "random")
                .addParameter(int.class, "n")
                .addParameter(boolean.class, "training")
                .beginControlFlow("if (!training)")
                .addStatement("$T.arraycopy(x, 0, y, 0, n * $L)", System.class, names.units())
                .addStatement("return")
                .endControlFlow()
                .addComment("kept with probability 1 - rate and scaled by 1 / (1 - rate): the expected value is x")
                .beginControlFlow("for (int i = 0; i < n * $L; i++)", names.units())
                .addStatement("$T keep = random.nextDouble() < $L ? $L : $L", numeric.type(), rate(), numeric.literal(0),
                        numeric.literal(1 / (1 - rate())))
                .addStatement("mask[i] = keep")
                .addStatement("y[i] = x[i] * keep")
                .endControlFlow()
                .build());
        if (layer.needsInputGradient()) {
            kernels.add(MethodSpec.methodBuilder(names.backward())
                    .addModifiers(Modifier.STATIC)
                    .addJavadoc("Backward of layer '$L': dx = dy * mask, whole vectors into the workspaces' slack (the mask's is 0).\n",
                            layer.name())
                    .addParameter(numeric.array(), "dx")
                    .addParameter(numeric.array(), "dy")
                    .addParameter(numeric.array(), "mask")
                    .addParameter(int.class, "n")
                    .beginControlFlow("for (int i = 0; i < n * $L; i += LANES)", names.units())
                    .addStatement("$T.fromArray(SPECIES, dy, i).mul($T.fromArray(SPECIES, mask, i)).intoArray(dx, i)",
                            numeric.vector(), numeric.vector())
                    .endControlFlow()
                    .build());
        }
        return kernels;
    }

    @Override
    public CodeBlock forward(String input) {
        return CodeBlock.builder()
                .addStatement("$L.$L($L, $L, $L, random, $L, training)", ModelEmitter.KERNELS, names.forward(), names.output(),
                        names.buffer("mask"), input, LayerNames.rows(layer, names))
                .build();
    }

    @Override
    public CodeBlock backward(String dx, String dy, String input) {
        return CodeBlock.builder()
                .addStatement("$L.$L($L, $L, $L, $L)", ModelEmitter.KERNELS, names.backward(), dx, dy, names.buffer("mask"),
                        LayerNames.rows(layer, names))
                .build();
    }
}
