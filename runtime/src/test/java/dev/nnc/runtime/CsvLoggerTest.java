package dev.nnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The expected files were written by CPython's {@code csv.DictWriter} as Keras 3's CSVLogger
 * drives it (excel dialect, the separator as delimiter, {@code epoch} then the sorted keys, NA
 * for a missing key) from the same logs, leaving out the {@code val_} columns Keras adds to logs
 * without validation (see {@link CsvLogger}).
 */
class CsvLoggerTest {

    @TempDir
    Path directory;

    private final TrainingContext context = new TrainingContext(new LinearModel(1, 1, 0.1), 10, 1);

    private static Map<String, Double> logs(Object... namesAndValues) {
        Map<String, Double> logs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            logs.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return logs;
    }

    private static void run(CsvLogger logger, TrainingContext context, Map<String, Double>... epochs) {
        logger.onTrainBegin(context);
        for (int epoch = 0; epoch < epochs.length; epoch++) {
            logger.onEpochEnd(epoch, epochs[epoch]);
        }
        logger.onTrainEnd();
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void writesWhatKerasWritesByteForByte() throws IOException {
        Path file = directory.resolve("log.csv");
        run(new CsvLogger(file), context,
                logs("loss", 0.5, "val_loss", (double) 0.1f, "mae", 1e-5),
                logs("loss", Double.NaN, "val_loss", Double.POSITIVE_INFINITY, "mae", 2.0),
                logs("loss", 0.25, "val_loss", Double.NEGATIVE_INFINITY, "new", 1.0));
        assertEquals("epoch,loss,mae,val_loss\r\n"
                + "0,0.5,1e-05,0.10000000149011612\r\n"
                + "1,nan,2.0,inf\r\n"
                + "2,0.25,NA,-inf\r\n", read(file));

        run(new CsvLogger(file), context, logs("val_loss", 0.1 + 0.2, "loss", 123456789.0, "lr", 1e-16));
        assertEquals("epoch,loss,lr,val_loss\r\n0,123456789.0,1e-16,0.30000000000000004\r\n", read(file),
                "without append the file is replaced");
    }

    @Test
    @SuppressWarnings("unchecked")
    void fieldsHoldingTheSeparatorOrQuotesAreQuoted() throws IOException {
        Path file = directory.resolve("log.csv");
        run(new CsvLogger(file, ';', false), context, logs("a;b", 0.5, "say \"hi\"", 1.5, "z", -0.0));
        assertEquals("epoch;\"a;b\";\"say \"\"hi\"\"\";z\r\n0;0.5;1.5;-0.0\r\n", read(file));

        run(new CsvLogger(file, '.', false), context, logs("loss", 0.5, "x.y", 3.0));
        assertEquals("epoch.loss.\"x.y\"\r\n0.\"0.5\".\"3.0\"\r\n", read(file));
    }

    @Test
    void eachRowIsOnDiskBeforeTheNextEpoch() throws IOException {
        Path file = directory.resolve("log.csv");
        CsvLogger logger = new CsvLogger(file);
        logger.onTrainBegin(context);
        assertEquals("", read(file), "the file is created, empty, when training begins");
        logger.onEpochEnd(0, logs("loss", 1.0));
        assertEquals("epoch,loss\r\n0,1.0\r\n", read(file));
        logger.onEpochEnd(1, logs("loss", 0.5));
        assertEquals("epoch,loss\r\n0,1.0\r\n1,0.5\r\n", read(file));
        logger.onTrainEnd();
    }

    @Test
    @SuppressWarnings("unchecked")
    void appendingContinuesAFileWithoutASecondHeader() throws IOException {
        Path file = directory.resolve("log.csv");
        run(new CsvLogger(file, ',', true), context, logs("loss", 1.0));
        assertEquals("epoch,loss\r\n0,1.0\r\n", read(file), "a missing file gets its header");

        run(new CsvLogger(file, ',', true), context, logs("loss", 0.5), logs("loss", 0.25));
        assertEquals("epoch,loss\r\n0,1.0\r\n0,0.5\r\n1,0.25\r\n", read(file));

        Path empty = Files.createFile(directory.resolve("empty.csv"));
        run(new CsvLogger(empty, ',', true), context, logs("loss", 1.0));
        assertEquals("epoch,loss\r\n0,1.0\r\n", read(empty), "an empty file gets its header");
    }

    @Test
    void appendingUnderAnotherHeaderIsRefusedBeforeWriting() throws IOException {
        Path file = directory.resolve("log.csv");
        Files.writeString(file, "epoch,loss\r\n0,1.0\r\n");
        CsvLogger logger = new CsvLogger(file, ',', true);
        logger.onTrainBegin(context);
        var e = assertThrows(IllegalStateException.class, () -> logger.onEpochEnd(0, logs("loss", 0.5, "val_loss", 0.75)));
        assertEquals("CsvLogger: cannot append to " + file + ": its header is 'epoch,loss' and this run's is"
                + " 'epoch,loss,val_loss'; write to another file, or replace this one (append false)", e.getMessage());
        logger.onTrainEnd();
        assertEquals("epoch,loss\r\n0,1.0\r\n", read(file));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInstanceWritesAnewOnEachRun() throws IOException {
        Path file = directory.resolve("log.csv");
        CsvLogger logger = new CsvLogger(file);
        run(logger, context, logs("loss", 1.0));
        run(logger, context, logs("mae", 2.0), logs("mae", 1.0));
        assertEquals("epoch,mae\r\n0,2.0\r\n1,1.0\r\n", read(file));
    }

    @Test
    void inTrainerFitEveryLoggedNameIsAColumn() throws IOException {
        Path file = directory.resolve("fit.csv");
        History history = Trainer.fit(new LinearModel(2, 1, 0.05), TrainerTest.plane(40, 2), FitOptions.epochs(3)
                .batchSize(8).metrics("mae").validationSplit(0.25).callbacks(new CsvLogger(file)).verbose(false));
        var lines = Files.readAllLines(file);
        assertEquals("epoch,learning_rate,loss,mae,val_loss,val_mae", lines.get(0));
        assertEquals(4, lines.size());
        String[] last = lines.get(3).split(",");
        assertEquals("2", last[0]);
        assertEquals(0.05, Double.parseDouble(last[1]), 0);
        assertEquals(history.get("loss")[2], Double.parseDouble(last[2]), 0, "values read back exactly");
        assertEquals(history.get("val_mae")[2], Double.parseDouble(last[5]), 0);
    }

    @Test
    void filesThatCannotBeWrittenAreNamed() {
        CsvLogger logger = new CsvLogger(directory);
        var e = assertThrows(UncheckedIOException.class, () -> logger.onTrainBegin(context));
        assertTrue(e.getMessage().startsWith("CsvLogger: cannot open " + directory + ": "), e.getMessage());
    }

    @Test
    void badSeparatorsAreRefused() {
        assertEquals("separator: expected a character other than a double quote or a line break, found '\"'",
                assertThrows(IllegalArgumentException.class, () -> new CsvLogger(directory, '"', false)).getMessage());
        assertEquals("separator: expected a character other than a double quote or a line break, found '\\n'",
                assertThrows(IllegalArgumentException.class, () -> new CsvLogger(directory, '\n', false)).getMessage());
    }
}
