package dev.nnc.processor.validate;

import java.util.Locale;

/**
 * Every diagnostic the processor can report, with a stable tag users can search for. Text is
 * formatted with {@link String#format}; each says what is wrong, where, and how to fix it.
 */
public enum Message {
    NOT_AN_INTERFACE("not-interface", "@Network must annotate an interface; '%s' is %s"),
    GENERIC_INTERFACE("generic", "network interface '%s' must not declare type parameters"),
    INNER_TYPE("inner", "network interface '%s' must be top-level or a static member"),
    INVALID_CLASS_NAME("class-name", "@Network name '%s' is not a valid Java identifier"),
    CLASS_NAME_IS_INTERFACE("class-name", "@Network name '%s' is the interface's own name; pick another, such as '%sNet'"),
    CLASS_NAME_TAKEN("class-name", "@Network name '%s' clashes with an existing type in %s; pick another name"),
    CLASS_NAME_OF_OTHER_SPEC("class-name", "@Network name '%s' is taken by %s, another spec of this build; give one of the two another name"),
    CLASS_NAME_HIDES_JAVA_LANG("class-name", "@Network name '%s' would hide %s from every file of %s, where '%s' would then mean the generated class; pick another, such as '%s'"),
    CLASS_NAME_HIDES_GENERATED_IMPORT("class-name", "@Network name '%s' is the name of %s, which the generated class uses: files of %s that import it on demand would get the generated class instead; pick another, such as '%s'"),
    CLASS_NAME_OF_NESTED_CLASS("class-name", "@Network name '%s' is the name of a class nested in the generated class, which a class may not share; pick another, such as '%s'"),
    CLASS_NAME_HIDES_IMPORT("class-name", "@Network name '%s' clashes with %s, which this file imports (%s); pick another, such as '%s'"),
    INPUTS_NOT_POSITIVE("inputs", "@Network inputs must be at least 1, found %d"),
    INPUT_SHAPE("inputs", "@Network takes inputs (a vector) or timesteps and features (a sequence), each at least 1, and nothing of the other shape, not even 0; found inputs = %d, timesteps = %d, features = %d"),
    NEEDS_SEQUENCE("layer-shape", "layer '%s': %s takes a sequence, but %s has no time axis; give the network timesteps and features, or returnSequences = true to the recurrent layer before"),
    LOSS_OVER_TIME("loss-output", "%s takes one row of outputs per sample, but output layer '%s' gives a sequence; set returnSequences = false on the last recurrent layer"),
    RECURRENT_ACTIVATION("activation", "layer '%s': %s's %s must be one whose derivative follows from its output (LINEAR, SIGMOID, HARD_SIGMOID, TANH, RELU, RELU6, LEAKY_RELU), found %s"),
    WEIGHTS_RESOURCE("weights", "@Network weights must name a classpath resource, such as \"/models/%s.safetensors\": not blank, no backslash, not a directory; found \"%s\""),
    DOUBLE_WITHOUT_TRAINING("precision", "a DOUBLE twin (%s) checks the float model's gradients and training, so it needs @Loss and @Optimizer; declare both or remove precision"),
    WEIGHTS_IN_DOUBLE("weights", "@Network weights load into the float model; a DOUBLE twin (%s) is for verification and has no pretrained(): remove weights or precision"),
    WEIGHTS_NOT_FOUND("weights", "@Network weights: no resource \"%s\" in the build's output or on its class path; %s.pretrained() will throw NoSuchFileException unless it is on the class path at run time"),
    NO_LAYERS("no-layers", "network '%s' has no layers: annotate its methods with @Layer(units = ...)"),
    NO_LOSS("no-loss", "network '%s' has an @Optimizer but no @Loss: add one, such as @Loss(LossType.MSE), or remove @Optimizer for a network that only predicts"),
    NO_OPTIMIZER("no-optimizer", "network '%s' has a @Loss but no @Optimizer: add one, such as @Optimizer(OptimizerType.ADAM), or remove @Loss for a network that only predicts"),
    LAYER_HAS_PARAMETERS("layer-method", "layer '%s': a layer method takes no parameters, found %d"),
    LAYER_RETURNS_VALUE("layer-method", "layer '%s': a layer method returns void, found %s"),
    LAYER_HAS_BODY("layer-method", "layer '%s': a layer method is abstract, found a %s method"),
    LAYER_INHERITED("layer-method", "layer '%s' is declared in superinterface '%s': declare every layer in the @Network interface itself, in order"),
    LAYER_NAME_RESERVED("layer-name", "layer '%s': the name is reserved by the generated class (%s); rename the method"),
    LAYER_NAME_DUPLICATE("layer-name", "layer '%s' is declared more than once"),
    ACTIVATION_WITHOUT_LAYER("activation", "method '%s' has @Activation but no @Layer"),
    METHOD_WITHOUT_LAYER("layer-method", "method '%s' of network '%s' has no @Layer: every abstract method of a network interface declares a layer; add @Layer(units = ...), or give the method a body if it is not a layer"),
    ORPHAN_ON_METHOD("no-network", "@%s on method '%s' does nothing: '%s' has no @Network; add @Network(name = ..., inputs = ...) to '%s', or remove @%s"),
    ORPHAN_ON_TYPE("no-network", "@%s on '%s' does nothing: it has no @Network; add @Network(name = ..., inputs = ...), or remove @%s"),
    UNITS_NOT_POSITIVE("units", "layer '%s': units must be at least 1, found %d"),
    LAYER_SETTING_NOT_APPLICABLE("layer-setting", "layer '%s': %s applies to %s layers, not %s"),
    LAYER_SETTING_INVALID("layer-setting", "layer '%s': %s must be %s, found %s"),
    DROPOUT_RATE_MISSING("layer-setting", "layer '%s': DROPOUT needs a rate in [0, 1), such as rate = 0.2"),
    ACTIVATION_NOT_TAKEN("activation", "layer '%s': a %s layer takes no @Activation; put it on the layer before"),
    PRELU_NOT_AVAILABLE("activation", "layer '%s': PRELU learns its slopes on DENSE layers only, not on %s"),
    PLAN_TOO_LARGE("size", "layer '%s': the network would need %d %s, more than a Java array holds (%d); make the layers smaller"),
    SOFTMAX_TOO_FEW_UNITS("softmax", "layer '%s': %s needs at least 2 units, found %d"),
    ALPHA_NOT_APPLICABLE("alpha", "layer '%s': %s takes no alpha; alpha is LEAKY_RELU's negative slope, ELU's scale or PRELU's initial slope"),
    ALPHA_INVALID("alpha", "layer '%s': %s alpha must be a finite number at least 0, found %s"),
    INITIALIZER_SETTING_NOT_APPLICABLE("initializer", "layer '%s': %s applies to %s, not %s"),
    INITIALIZER_SETTING_INVALID("initializer", "layer '%s': %s must be %s, found %s"),
    ORTHOGONAL_BIAS("initializer", "layer '%s': ORTHOGONAL needs a kernel's two dimensions; a bias has one"),
    WITHOUT_BIAS("no-bias", "layer '%s': %s is set but the layer has useBias = false"),
    PENALTY_INVALID("penalty", "layer '%s': %s must be a finite number at least 0, found %s"),
    APPROXIMATE_NOT_APPLICABLE("approximate", "layer '%s': approximate applies only to GELU, not %s"),
    BCE_OUTPUT("loss-output", "%s needs a SIGMOID output, or a LINEAR one with fromLogits = true; output layer '%s' is %s"),
    HINGE_OUTPUT("loss-output", "%s needs a LINEAR or TANH output (a score); output layer '%s' is %s"),
    KLD_OUTPUT("loss-output", "KL_DIVERGENCE needs a SOFTMAX or SIGMOID output (probabilities); output layer '%s' is %s"),
    POISSON_OUTPUT("loss-output", "POISSON needs an output that is never negative (SOFTPLUS, RELU, RELU6, SIGMOID, HARD_SIGMOID or SOFTMAX); output layer '%s' is %s"),
    LOSS_SETTING_NOT_APPLICABLE("loss-setting", "%s applies only to %s, not %s"),
    LOSS_SETTING_INVALID("loss-setting", "%s must be %s, found %s"),
    CCE_OUTPUT("loss-output", "%s needs a SOFTMAX or LOG_SOFTMAX output, or a LINEAR one with fromLogits = true; output layer '%s' is %s"),
    CCE_TOO_FEW_UNITS("loss-output", "%s needs at least 2 output units; output layer '%s' has %d"),
    FROM_LOGITS_NOT_APPLICABLE("from-logits", "fromLogits applies only to the cross-entropy and focal losses, not %s"),
    LEARNING_RATE_INVALID("learning-rate", "learningRate must be a finite number at least 0, found %s"),
    OUT_OF_UNIT_RANGE("optimizer-range", "%s must be in [0, 1), found %s"),
    EPSILON_INVALID("optimizer-range", "epsilon must be a finite number greater than 0, found %s"),
    WEIGHT_DECAY_INVALID("optimizer-range", "weightDecay must be a finite number at least 0, found %s"),
    OPTIMIZER_SETTING_NOT_APPLICABLE("optimizer-setting", "%s is read only by %s, not %s"),
    OPTIMIZER_SETTING_INVALID("optimizer-range", "%s must be %s, found %s"),
    TWO_CLIPS("optimizer-setting", "set one of clipNorm and clipValue, not both (as Keras)"),
    NESTEROV_WITHOUT_MOMENTUM("nesterov", "nesterov = true needs a momentum greater than 0");

    private final String tag;
    private final String format;

    Message(String tag, String format) {
        this.tag = tag;
        this.format = format;
    }

    /** The stable tag, as it starts every reported message. */
    public String tag() {
        return "[nnc." + tag + "]";
    }

    /** The full text for these arguments, tag first. */
    public String format(Object... arguments) {
        return tag() + " " + String.format(Locale.ROOT, format, arguments);
    }
}
