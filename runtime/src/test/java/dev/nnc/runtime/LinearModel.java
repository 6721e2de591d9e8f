package dev.nnc.runtime;

import java.util.List;
import java.util.Map;

/**
 * A hand-written {@link Model} for the runtime's tests: {@code p = x . W + b}, one dense layer with
 * no activation, the mean squared error loss (mean over outputs, weighted sum over samples divided
 * by their count, as Keras) and plain
 * SGD. Every method is implemented honestly; parameters start at 0. Tests subclass it to record
 * what the trainer passes or to script losses.
 */
class LinearModel implements Model {

    private boolean trainable = true;

    final int inputs;
    final int outputs;
    private final String loss;
    private final float[] parameters;
    private final float[] gradients;
    private double learningRate;
    private long steps;
    private boolean training;
    private float[] workspace = new float[0];

    LinearModel(int inputs, int outputs, double learningRate) {
        this(inputs, outputs, learningRate, "mean_squared_error");
    }

    LinearModel(int inputs, int outputs, double learningRate, String loss) {
        this(inputs, outputs, learningRate, loss, new float[inputs * outputs + outputs]);
    }

    private LinearModel(int inputs, int outputs, double learningRate, String loss, float[] parameters) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.loss = loss;
        this.learningRate = learningRate;
        this.parameters = parameters;
        this.gradients = new float[parameters.length];
    }

    @Override
    public String name() {
        return "Linear";
    }

    @Override
    public List<LayerInfo> layers() {
        return List.of(new LayerInfo("dense", "DENSE", "Dense", List.of(inputs), List.of(outputs), "LINEAR", Double.NaN, false, true, Map.of(), List.of(
                new TensorInfo("kernel", 0, List.of(inputs, outputs)),
                new TensorInfo("bias", inputs * outputs, List.of(outputs)))));
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return outputs;
    }

    @Override
    public int targetSize() {
        return outputs;
    }

    @Override
    public String loss() {
        return loss;
    }

    /** p[r][j] = b[j] + sum_i x[r][i] W[i][j]. */
    private void forward(float[] x, int n, float[] p) {
        int bias = inputs * outputs;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < outputs; j++) {
                double sum = parameters[bias + j];
                for (int i = 0; i < inputs; i++) {
                    sum += x[r * inputs + i] * parameters[i * outputs + j];
                }
                p[r * outputs + j] = (float) sum;
            }
        }
    }

    private float[] workspace(int n) {
        if (workspace.length < n * outputs) {
            workspace = new float[n * outputs];
        }
        return workspace;
    }

    private static double weight(float[] weights, int r) {
        return weights == null ? 1 : weights[r];
    }

    /** sum_r w_r mean_j (p - y)^2 / n. */
    private float meanSquaredError(float[] p, float[] y, float[] weights, int n) {
        double sum = 0;
        for (int k = 0; k < n * outputs; k++) {
            double error = p[k] - y[k];
            sum += weight(weights, k / outputs) * error * error;
        }
        return (float) (sum / (n * outputs));
    }

    @Override
    public void predict(float[] x, int n, float[] p) {
        training = false;
        forward(x, n, p);
    }

    @Override
    public float trainBatch(float[] x, float[] y, float[] weights, int n) {
        float loss = computeGradients(x, y, weights, n);
        applyGradients();
        return loss;
    }

    @Override
    public float computeGradients(float[] x, float[] y, float[] weights, int n) {
        Checks.sampleWeights(weights, n);
        training = true;
        float[] p = workspace(n);
        forward(x, n, p);
        float loss = meanSquaredError(p, y, weights, n);
        // dL/dp = 2 w_r (p - y) / (n * outputs); dL/dW[i][j] = sum_r x[r][i] dL/dp[r][j]; dL/db[j] = sum_r dL/dp[r][j]
        java.util.Arrays.fill(gradients, 0f);
        int bias = inputs * outputs;
        float scale = 2f / (n * outputs);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < outputs; j++) {
                float delta = (float) (scale * weight(weights, r) * (p[r * outputs + j] - y[r * outputs + j]));
                for (int i = 0; i < inputs; i++) {
                    gradients[i * outputs + j] += x[r * inputs + i] * delta;
                }
                gradients[bias + j] += delta;
            }
        }
        return loss;
    }

    @Override
    public void applyGradients() {
        for (int k = 0; trainable && k < parameters.length; k++) {
            parameters[k] -= (float) (learningRate * gradients[k]);
        }
        steps++;
    }

    @Override
    public float evaluate(float[] x, float[] y, float[] weights, int n, Evaluation into) {
        Checks.sampleWeights(weights, n);
        training = false;
        float[] p = workspace(n);
        forward(x, n, p);
        float loss = meanSquaredError(p, y, weights, n);
        into.add(loss, p, y, n, outputs);
        return loss;
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        if (!(learningRate >= 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate: expected a finite value >= 0, found " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** Draws nothing: a linear model has no dropout. */
    @Override
    public void reseed(long seed) {}

    @Override
    public void setTraining(boolean training) {
        this.training = training;
    }

    @Override
    public int parameterCount() {
        return parameters.length;
    }

    @Override
    public void readParameters(float[] destination) {
        Checks.size("destination", destination, parameters.length);
        System.arraycopy(parameters, 0, destination, 0, parameters.length);
    }

    @Override
    public void writeParameters(float[] source) {
        Checks.size("source", source, parameters.length);
        Checks.finite("source", source, parameters.length);
        System.arraycopy(source, 0, parameters, 0, parameters.length);
    }

    @Override
    public void readGradients(float[] destination) {
        Checks.size("destination", destination, gradients.length);
        System.arraycopy(gradients, 0, destination, 0, gradients.length);
    }

    @Override
    public void setTrainable(String layer, boolean trainable) {
        tensor(layer, "kernel");
        this.trainable = trainable;
    }

    @Override
    public boolean isTrainable(String layer) {
        tensor(layer, "kernel");
        return trainable;
    }

    @Override
    public Model newPredictor() {
        return new LinearModel(inputs, outputs, learningRate, loss, parameters);
    }

    @Override
    public Model copy() {
        LinearModel copy = new LinearModel(inputs, outputs, learningRate, loss, parameters.clone());
        copy.steps = steps;
        return copy;
    }

    @Override
    public Memory memory() {
        return new Memory(Memory.bytes(parameters), Memory.bytes(gradients), 0, Memory.bytes(workspace), workspace.length / outputs);
    }

    @Override
    public String optimizer() {
        return "sgd";
    }

    /** Plain SGD keeps no vectors: its state is its step count and learning rate. */
    @Override
    public OptimizerState optimizerState() {
        return OptimizerState.of("sgd", steps, learningRate, Map.of(), Map.of());
    }

    @Override
    public void setOptimizerState(OptimizerState state) {
        state.write("sgd", List.of(), List.of(), new float[0], 0, 0, parameters.length);
        steps = state.steps();
        learningRate = state.learningRate();
    }
}
