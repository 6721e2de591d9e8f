package dev.nnc.processor.layer;

import dev.nnc.annotations.InitializerType;
import dev.nnc.processor.emit.DenseEmitter;
import dev.nnc.processor.emit.LayerEmitter;
import dev.nnc.processor.emit.LayerNames;
import dev.nnc.processor.emit.Numeric;
import dev.nnc.processor.plan.Activations;
import dev.nnc.processor.plan.LayerPlan;
import dev.nnc.processor.plan.ProductForm;
import dev.nnc.processor.spec.InitializerSpec;
import dev.nnc.processor.spec.LayerSpec;
import dev.nnc.processor.spec.Penalties;
import dev.nnc.processor.validate.ValidationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Keras' {@code Dense}, PyTorch's {@code Linear}: {@code y = activation(x W + b)}, applied at every step of a sequence. */
final class DenseLayer implements LayerType {

    @Override
    public String kerasName() {
        return "Dense";
    }


    @Override
    public Set<String> attributes() {
        return Weighted.ATTRIBUTES;
    }

    @Override
    public boolean learnsActivationSlopes() {
        return true;
    }

    @Override
    public Shape output(LayerSpec layer, Shape input) {
        return input.withWidth(layer.units());
    }

    @Override
    public void check(LayerSpec layer, ValidationReport report) {
        Weighted.checkUnits(layer, report);
    }

    @Override
    public List<TensorSpec> tensors(LayerSpec layer, Shape input) {
        int inputs = input.width();
        int units = layer.units();
        Penalties penalties = layer.penalties();
        List<TensorSpec> tensors = new ArrayList<>();
        tensors.add(new TensorSpec("kernel", List.of(inputs, units), Weighted.kernel(layer), inputs, units,
                penalties.kernelL1(), penalties.kernelL2(), true));
        if (layer.useBias()) {
            tensors.add(new TensorSpec("bias", List.of(units), Weighted.bias(layer), units, units,
                    penalties.biasL1(), penalties.biasL2(), true));
        }
        if (layer.activation().learnsAlpha()) {
            InitializerSpec alpha = layer.kernelInitializer().as(InitializerType.CONSTANT)
                    .withConstant(layer.activation().effectiveAlpha());
            tensors.add(new TensorSpec("alpha", List.of(units), alpha, units, units, 0, 0, true));
        }
        return tensors;
    }

    @Override
    public List<String> buffers() {
        return List.of("preActivation", "kernelT");
    }

    @Override
    public ProductForm forwardForm(Shape output) {
        return output.width() == 1 ? ProductForm.DOT : ProductForm.BROADCAST;
    }

    /** With one unit, W is its own transpose. */
    @Override
    public List<String> mirrors(Shape output, boolean needsBackward, boolean needsInputGradient) {
        return needsInputGradient && output.width() > 1 ? List.of("kernel") : List.of();
    }

    @Override
    public boolean activatesOutput() {
        return true;
    }

    /** Its product's broadcast form runs the simple activations on its sums; the one-unit form on its dot products. */
    @Override
    public boolean fusesActivation(LayerSpec layer) {
        return Activations.fusable(layer.activation().type());
    }

    @Override
    public LayerEmitter emitter(Numeric numeric, LayerPlan layer, LayerNames names) {
        return new DenseEmitter(numeric, layer, names);
    }
}
