package dev.nnc.processor.layer;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.spec.LayerSpec;
import java.util.List;
import java.util.Set;

/**
 * Keras' {@code Flatten}, PyTorch's {@code nn.Flatten}: a sample's values as one vector, its time
 * steps one after another. A sample is stored row-major, so its values keep their order: before
 * another layer it is a view, which reads its input's buffer and costs nothing; as the network's
 * output it copies the values into the output buffer the loss reads, and their gradients back.
 */
final class FlattenLayer implements LayerType {

    @Override
    public String kerasName() {
        return "Flatten";
    }


    @Override
    public Set<String> attributes() {
        return Set.of();
    }

    @Override
    public boolean takesActivation() {
        return false;
    }

    @Override
    public boolean isView() {
        return true;
    }

    @Override
    public Shape output(LayerSpec layer, Shape input) {
        // a sample larger than an int is reported by the validator; the shape only has to stay too large
        return Shape.vector((int) Math.min(input.size(), Integer.MAX_VALUE));
    }

    @Override
    public List<TensorSpec> tensors(LayerSpec layer, Shape input) {
        return List.of();
    }

    @Override
    public LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        return new Emitter(layer, names);
    }

    private record Emitter(LayerPlan layer, LayerNames names) implements LayerEmitter {

        @Override
        public List<FieldSpec> buffers() {
            return List.of();
        }

        @Override
        public CodeBlock reserve() {
            return CodeBlock.of("");
        }

        @Override
        public List<MethodSpec> kernels() {
            return List.of();
        }

        @Override
        public CodeBlock forward(String input) {
            return CodeBlock.builder()
                    .add("// layer '$L' flattens: a sample's values keep their order\n", layer.name())
                    .addStatement("$T.arraycopy($L, 0, $L, 0, n * $L)", System.class, input, names.output(), names.units())
                    .build();
        }

        @Override
        public CodeBlock backward(String dx, String dy, String input) {
            return CodeBlock.builder()
                    .addStatement("$T.arraycopy($L, 0, $L, 0, n * $L)", System.class, dy, dx, names.units())
                    .build();
        }
    }
}
