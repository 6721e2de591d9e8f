package dev.nnc.examples;

import dev.nnc.runtime.History;
import dev.nnc.tools.LearningCurves;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** What the README's first command runs: trains the example networks and says what they reached. */
public final class Demo {

    private Demo() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        Path target = Files.createDirectories(Path.of("target"));
        out.println("== XOR: XorNet " + new XorNet());
        XorExample.Result xor = XorExample.run(out);
        out.println();
        out.println("== y = sin(x) + x^2 + 1 on [-2, 2]: CurveNet " + new CurveNet());
        CurveExample.Result curve = CurveExample.run(out);
        plot(curve.history(), target.resolve("curve-fit-curves.png"), out);
        out.println();
        out.println("== next-hour forecast of a seasonal series: ForecastNet");
        out.print(new ForecastNet().summary());
        ForecastExample.Result forecast = ForecastExample.run(out);
        plot(forecast.history(), target.resolve("forecast-curves.png"), out);
        Path saved = target.resolve("forecast.safetensors");
        boolean same = ForecastExample.saveAndReload(forecast, saved);
        out.printf(Locale.ROOT, "saved the model and its scaler to %s (%,d bytes, PyTorch's state_dict names); reloaded, it"
                + " forecasts %s%n", saved, Files.size(saved), same ? "bit for bit as before" : "DIFFERENTLY (a bug)");

        out.println();
        out.println("== Summary");
        float[] p = xor.predictions();
        out.printf(Locale.ROOT, "XOR    accuracy %.0f %% after %d epochs; p(0,0) = %.3f, p(0,1) = %.3f, p(1,0) = %.3f, p(1,1) = %.3f%n",
                100 * xor.accuracy(), xor.history().epochs(), p[0], p[1], p[2], p[3]);
        out.printf(Locale.ROOT, "Curve  R^2 %.4f, MAE %.4f on 201 held-out points after %d epochs%n",
                curve.r2(), curve.test().get("mae"), curve.history().epochs());
        Map<String, Double> test = forecast.test();
        out.printf(Locale.ROOT, "LSTM   MAE %.3f, RMSE %.3f (naive last value %.3f), MAPE %.2f %%, sMAPE %.2f %%, R^2 %.4f on the test"
                        + " part after %d epochs%n", test.get("mae"), forecast.rmse(), forecast.naiveRmse(), test.get("mape"),
                test.get("smape"), test.get("r2"), forecast.history().epochs());
    }

    /** Draws the loss and the validation loss of a run to {@code file} and says where. */
    private static void plot(History history, Path file, PrintStream out) throws IOException {
        LearningCurves.of(history).writePng(file, 800, 500);
        out.println("learning curves (loss, val_loss) written to " + file);
    }
}
