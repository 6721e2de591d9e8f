package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** {@link Model}'s default methods, on a model of which they may call nothing but its sizes. */
class ModelTest {

    /** A model of {@code inputs} inputs and {@code outputs} outputs whose every other method fails. */
    private static Model sized(int inputs, int outputs) {
        InvocationHandler handler = (proxy, method, arguments) -> switch (method.getName()) {
            case "inputSize" -> inputs;
            case "outputSize" -> outputs;
            default -> {
                if (method.isDefault()) {
                    yield InvocationHandler.invokeDefault(proxy, method, arguments);
                }
                throw new UnsupportedOperationException(method.getName() + ": the call should have been refused first");
            }
        };
        return (Model) Proxy.newProxyInstance(Model.class.getClassLoader(), new Class<?>[] {Model.class}, handler);
    }

    @Test
    void predictionsNoArrayHoldsAreRefusedNamingTheOutputs() {
        // 3 samples of 1 input are 3 values; their 3 x 2^30 outputs are what no array holds
        Model model = sized(1, 1 << 30);
        var e = assertThrows(IllegalArgumentException.class, () -> model.predict(new float[3]));
        assertEquals("outputs: 3 x 1073741824 = 3221225472 values, more than an array holds (2147483639)", e.getMessage());
    }
}
